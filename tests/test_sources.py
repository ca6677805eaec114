"""Input sources beyond single files, text repair, and screening of languages and duplicates."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date

from bilateral.ingest import Reject, read_inputs
from bilateral.model import Document

ARTICLE = ("Chad ended its defence cooperation agreement with France on Thursday, saying the time had come "
           "to assert its full sovereignty, hours after a visit by the French foreign minister to N'Djamena.")
FRENCH = ("Le gouvernement tchadien a mis fin jeudi à son accord de coopération en matière de défense avec "
          "la France, quelques heures après la visite du ministre français des affaires étrangères.")


def _docs(items):
    return [i for i in items if isinstance(i, Document)]


def _rejects(items):
    return [i for i in items if isinstance(i, Reject)]


def test_gzipped_jsonl_and_truncated_gzip(tmp_path):
    good = tmp_path / "batch.jsonl.gz"
    good.write_bytes(gzip.compress(json.dumps({"id": "a", "text": ARTICLE}).encode()))
    bad = tmp_path / "cut.jsonl.gz"
    bad.write_bytes(gzip.compress(b'{"id": "b", "text": "x"}\n' * 50)[:40])
    items = list(read_inputs([good, bad], on_duplicate_id="replace"))
    # Whole lines before the cut are read; the cut itself is reported with its line number.
    assert [d.id for d in _docs(items)][0] == "a" and set([d.id for d in _docs(items)][1:]) <= {"b"}
    [reject] = _rejects(items)
    assert reject.location.startswith(f"{bad}:") and "truncated or corrupt gzip" in reject.reason


def test_warc_html_records_become_documents(tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    page = f"<html><head><title>Chad ends pact</title></head><body><article><p>{ARTICLE}</p></article></body></html>"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for uri, body, ctype in (("https://news.example.org/chad", page, "text/html"),
                                 ("https://news.example.org/logo.png", "PNGDATA", "image/png")):
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body.encode()),
                                                          http_headers=headers))
    [doc] = _docs(read_inputs([path]))
    assert "defence cooperation agreement" in doc.text and doc.url == "https://news.example.org/chad"


def test_rss_feed_entries_become_documents(tmp_path):
    feed = tmp_path / "news.rss"
    feed.write_text(f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Chad ends pact</title><link>https://news.example.org/chad</link><guid>chad-1</guid>
<pubDate>Fri, 29 Nov 2024 08:00:00 GMT</pubDate><description>{ARTICLE}</description></item>
</channel></rss>""", encoding="utf-8")
    [doc] = _docs(read_inputs([feed]))
    assert doc.id == "chad-1" and doc.pub_date == date(2024, 11, 29) and "France" in doc.text
    broken = tmp_path / "broken.rss"
    broken.write_text("this is not a feed", encoding="utf-8")
    [reject] = _rejects(read_inputs([broken]))
    assert "feed" in reject.reason


def test_globs_and_missing_patterns(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(ARTICLE + name, encoding="utf-8")
    assert [d.id for d in _docs(read_inputs([str(tmp_path / "*.txt")]))] == ["a", "b"]
    [reject] = _rejects(read_inputs([str(tmp_path / "*.html")]))
    assert reject.reason == "the pattern matches no file"


def test_mojibake_is_repaired(tmp_path):
    f = tmp_path / "m.txt"
    f.write_text("Chad\u00e2\u20ac\u2122s government ended the pact.", encoding="utf-8")
    [doc] = _docs(read_inputs([f]))
    assert doc.text == "Chad\u2019s government ended the pact."


def test_screening_skips_other_languages_and_duplicates(tmp_path):
    f = tmp_path / "mixed.jsonl"
    f.write_text("\n".join(json.dumps(r) for r in [
        {"id": "en", "text": ARTICLE},
        {"id": "fr", "text": FRENCH},
        {"id": "copy", "text": ARTICLE},
        {"id": "near", "text": ARTICLE.replace("Thursday", "Thursday morning")},
        {"id": "other", "text": "Poland expelled 45 Russian diplomats on Wednesday on suspicion of espionage, "
                                "the foreign ministry in Warsaw said."},
    ]), encoding="utf-8")
    items = list(read_inputs([f], screen=True))
    assert [d.id for d in _docs(items)] == ["en", "other"]
    kinds = {r.location.rsplit(":", 1)[1]: (r.kind, r.reason) for r in _rejects(items)}
    assert kinds["2"][0] == "language" and "fr" in kinds["2"][1]
    assert kinds["3"] == ("duplicate", "exact duplicate of document 'en'; not coded again")
    assert kinds["4"][0] == "duplicate" and kinds["4"][1].startswith("near duplicate")


# Our own news sentences in five of the detected languages, each with an English name or two in it.
OTHER_LANGUAGES = {
    "de": "Der Bundeskanzler hat am Dienstag in Berlin den französischen Präsidenten empfangen, um über die Lage "
          "in der Ukraine und die Zusammenarbeit der beiden Länder zu sprechen, teilte The Associated Press mit.",
    "es": "El presidente del Gobierno recibió el martes en Madrid a su homólogo portugués para hablar de la guerra "
          "en Ucrania y de las relaciones entre los dos países, según The Guardian.",
    "it": "Il presidente del Consiglio ha ricevuto martedì a Roma il suo omologo tedesco per discutere della guerra "
          "in Ucraina e dei rapporti tra i due paesi, secondo una nota ufficiale.",
    "pt": "O presidente brasileiro recebeu na terça-feira em Brasília o seu homólogo argentino para discutir o "
          "comércio entre os dois países e a situação na Venezuela, segundo um comunicado.",
    "fr": FRENCH,
}


def test_english_is_told_by_its_common_words_and_other_languages_by_the_detector(monkeypatch):
    from bilateral.ingest.screening import LanguageDetector

    detector = LanguageDetector()
    assert detector.language(ARTICLE) == "en"
    assert detector._detector is None  # English news never loads the detector's models
    for code, text in OTHER_LANGUAGES.items():
        assert detector.language(text) == code, code
    # A sample that is English but thin in common words still goes to the detector, which agrees.
    terse = "Putin, Xi, Modi: BRICS leaders meet Kazan; Moscow hosts summit amid sanctions, Ukraine war talks."
    assert LanguageDetector().language(terse) == "en"


def test_stdin_rejects_command_and_exit_status(tmp_path):
    from click.testing import CliRunner

    from bilateral.cli.main import cli

    db = tmp_path / "s.duckdb"
    runner = CliRunner()
    lines = json.dumps({"id": "a", "text": ARTICLE, "pub_date": "2024-11-29", "translated": True}) + "\n{bad\n"
    result = runner.invoke(cli, ["code", "-", "--db", str(db)], input=lines)
    assert result.exit_code == 1 and "<stdin>:2: malformed JSON" in result.stderr
    listed = runner.invoke(cli, ["rejects", "--db", str(db)])
    assert "error     <stdin>:2: malformed JSON" in listed.output
    again = runner.invoke(cli, ["code", "-", "--db", str(db)], input=lines)
    assert again.exit_code == 1
    assert runner.invoke(cli, ["rejects", "--db", str(db)]).output.count("<stdin>:2") == 1
    from bilateral.store import Store

    with Store(db, read_only=True) as store:
        events = store.events()
    assert events and all(e["translated"] for e in events)


def test_extract_shows_what_the_coder_reads(tmp_path):
    from click.testing import CliRunner

    from bilateral.cli.main import cli

    from .conftest import EXAMPLES

    result = CliRunner().invoke(cli, ["extract", str(EXAMPLES / "finland-nato-2023.html")])
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0
    assert record["language"] == "en" and record["pub_date"] == "2023-04-04" and record["caption"]
    assert record["title"] and not any(line.lower().startswith(("previous", "next"))
                                       for line in record["text"].splitlines())


def test_the_seed_page_comes_out_as_article_text_without_navigation():
    from .conftest import shared_path

    [doc] = _docs(read_inputs([shared_path("examples", "seed-article.html")]))
    assert doc.pub_date == date(2022, 9, 16)
    assert "Previous" not in doc.text and "Next [Watch]" not in doc.text and "Home |" not in doc.text
    assert doc.text.rstrip().endswith("in the name of human rights. man, according to the statement.")


def test_oversize_files_are_rejected(tmp_path, monkeypatch):
    from bilateral.ingest import readers

    monkeypatch.setattr(readers, "MAX_BYTES", 1024 * 1024)
    big = tmp_path / "big.txt"
    big.write_text("word " * 300_000, encoding="utf-8")
    [reject] = _rejects(read_inputs([big]))
    assert "larger than 1 MB" in reject.reason
