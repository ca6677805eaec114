"""The DuckDB schema, as numbered migrations. docs/store.md describes every table and column.

Each migration runs once, in order, inside a transaction (a new database's all in one), and is
recorded in `schema_version`.
Never edit a released migration: add the next one.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "documents, sentences, events and ledger facts", [
        """CREATE TABLE documents (
            doc_id VARCHAR NOT NULL,        -- the input's id, or a content hash when it had none
            content_hash VARCHAR NOT NULL,  -- sha1 of the text that was coded
            title VARCHAR, url VARCHAR, source VARCHAR,
            origin VARCHAR,                 -- where it was read: file, file:line
            pub_date DATE,
            translated BOOLEAN NOT NULL DEFAULT FALSE,
            text VARCHAR NOT NULL,
            coded_at TIMESTAMP NOT NULL,
            coder_version VARCHAR NOT NULL
        )""",
        """CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
            text VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL
        )""",
        """CREATE TABLE events (
            event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
            event_type VARCHAR NOT NULL, mode VARCHAR, contexts VARCHAR[],
            source_code VARCHAR, source_sector VARCHAR, source_text VARCHAR,
            target_code VARCHAR, target_sector VARCHAR, target_text VARCHAR,
            reciprocal BOOLEAN NOT NULL, cameo VARCHAR NOT NULL, goldstein DOUBLE NOT NULL,
            quad INTEGER NOT NULL, event_date VARCHAR, date_precision VARCHAR,
            negated BOOLEAN NOT NULL, modality VARCHAR NOT NULL, promised_type VARCHAR,
            location VARCHAR, trigger VARCHAR, trigger_start INTEGER, trigger_end INTEGER,
            translated BOOLEAN NOT NULL DEFAULT FALSE
        )""",
        """CREATE TABLE ledger_facts (
            fact_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
            party_a VARCHAR NOT NULL, party_b VARCHAR NOT NULL,
            label VARCHAR, status VARCHAR, fact_date VARCHAR, date_precision VARCHAR,
            sentence_index INTEGER NOT NULL, evidence VARCHAR
        )""",
    ]),
    (2, "rejected and skipped inputs", [
        """CREATE TABLE rejects (
            location VARCHAR NOT NULL,   -- file, file:line or file#record
            reason VARCHAR NOT NULL,
            kind VARCHAR NOT NULL,       -- error | language | duplicate
            seen_at TIMESTAMP NOT NULL
        )""",
    ]),
    (3, "event clusters: one real-world event, every report of it", [
        # The same act (type, source, target) on the same day reported by several documents is one
        # event; each report stays a row of `events` (report level, as researchers ask for). Counts
        # follow GDELT's NumMentions / NumSources / NumArticles.
        """CREATE VIEW event_clusters AS
           SELECT md5(concat_ws('|', e.event_type, coalesce(e.source_code, ''), coalesce(e.target_code, ''),
                                e.event_date)) AS cluster_id,
                  e.event_type, e.source_code, e.target_code, e.event_date, e.date_precision,
                  count(*) AS num_mentions,
                  count(DISTINCT coalesce(d.source, d.doc_id)) AS num_sources,
                  count(DISTINCT e.doc_id) AS num_articles,
                  list(e.event_id ORDER BY e.doc_id) AS event_ids,
                  min(e.cameo) AS cameo, avg(e.goldstein) AS goldstein, min(e.quad) AS quad
           FROM events e JOIN documents d USING (doc_id)
           WHERE e.date_precision = 'day'
           GROUP BY ALL""",
    ]),
    (4, "ledger: date provenance, every sentence of a fact, reports grouped into changes", [
        # Where each fact's date comes from: stated in the text, the day someone told of it, the
        # publication date, or nothing (an undated standing state).
        "ALTER TABLE ledger_facts ADD COLUMN date_source VARCHAR",
        "ALTER TABLE ledger_facts ADD COLUMN date_text VARCHAR",
        "ALTER TABLE ledger_facts ADD COLUMN date_conflicts VARCHAR[]",
        # Every sentence of a document that reports a fact (headline, lead, later paragraphs).
        """CREATE TABLE ledger_reports (
            fact_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, sentence_index INTEGER NOT NULL,
            evidence VARCHAR, report_date VARCHAR, date_precision VARCHAR,
            date_source VARCHAR, date_text VARCHAR
        )""",
        # Facts stored before: their one sentence is their one report.
        """INSERT INTO ledger_reports SELECT fact_id, doc_id, sentence_index, evidence, fact_date, date_precision,
           NULL, NULL FROM ledger_facts""",
        # Facts from all documents grouped into changes of a relationship (bilateral.ledger.changes);
        # rebuilt for a relationship whenever a document that reports on it is written.
        """CREATE TABLE ledger_changes (
            change_id VARCHAR NOT NULL, kind VARCHAR NOT NULL,
            party_a VARCHAR NOT NULL, party_b VARCHAR NOT NULL,
            value VARCHAR NOT NULL,          -- the designation or status
            change_date VARCHAR, date_precision VARCHAR, date_source VARCHAR,
            effective_date VARCHAR,          -- change_date, or the first report's publication when undated
            report_count INTEGER NOT NULL, article_count INTEGER NOT NULL, source_count INTEGER NOT NULL,
            first_report DATE, last_report DATE,
            sources VARCHAR[], fact_ids VARCHAR[],
            best_fact_id VARCHAR,            -- the report the change's date comes from
            conflicts VARCHAR[],             -- 'date doc_id' of a stated date that disagrees;
                                             -- 'date doc_id value' of another value stated for the same date
            previous_value VARCHAR, transition_flag VARCHAR
        )""",
    ]),
    (7, "Parquet partitions imported from a cluster run or another machine", [
        # A partition is imported whole, once: `bilateral store import` skips those listed here,
        # so an interrupted import of a large corpus resumes where it stopped.
        """CREATE TABLE parquet_imports (
            partition VARCHAR NOT NULL,   -- file name shared by the partition's files (run and number)
            source VARCHAR NOT NULL,      -- the Parquet directory it was read from
            documents INTEGER NOT NULL, events INTEGER NOT NULL,
            imported_at TIMESTAMP NOT NULL
        )""",
    ]),
]

MIGRATIONS.append(
    (5, "event date spans and place words: date_start, date_end, location_text", [
        # A date is kept as written ("2022-09") with its precision; the span it covers makes
        # --since/--until and time series compare days with days (docs/json-output.md).
        "ALTER TABLE events ADD COLUMN date_start DATE",
        "ALTER TABLE events ADD COLUMN date_end DATE",
        "ALTER TABLE events ADD COLUMN location_text VARCHAR",
        """UPDATE events SET
             date_start = CASE date_precision
               WHEN 'day' THEN try_cast(event_date AS DATE)
               WHEN 'month' THEN try_cast(event_date || '-01' AS DATE)
               WHEN 'year' THEN try_cast(event_date || '-01-01' AS DATE) END,
             date_end = CASE date_precision
               WHEN 'day' THEN try_cast(event_date AS DATE)
               WHEN 'month' THEN last_day(try_cast(event_date || '-01' AS DATE))
               WHEN 'year' THEN try_cast(event_date || '-12-31' AS DATE) END""",
    ]),
)

MIGRATIONS.append(
    (8, "which coder made an event: the rules or the learned fallback, with its probability", [
        # Events stored before were all coded by the rules.
        "ALTER TABLE events ADD COLUMN method VARCHAR NOT NULL DEFAULT 'rules'",
        "ALTER TABLE events ADD COLUMN probability DOUBLE",
    ]),
)

# The highest number, not the last entry: migrations from parallel branches may sit out of order.
LATEST = max(version for version, _, _ in MIGRATIONS)
