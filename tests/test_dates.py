"""Datelines, the story's date, open dates read by their clause, comparison years, and the dates
people write for `actors lookup`."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from bilateral.actors.lookup import LookupDate, parse_lookup_date
from bilateral.cli.main import cli
from bilateral.events.dates import DateMention, ahead, find_dates
from bilateral.ingest import clean_text
from bilateral.ingest.dateline import date_from_dateline, dateline_at, find_datelines, story_dateline
from bilateral.model import Document

CHECK_SET = Path(__file__).parent / "data" / "dateline_check.jsonl"

# text, place as written, places, (month, day, year), agency, the lead's first words
DATELINES = [
    ("MINSK, July 9 - Chinese troops have begun", "MINSK", ["MINSK"], (7, 9, None), None, "Chinese"),
    ("BEIJING, Sept 11, 2019 (Wire) - Chinese President Xi Jinping", "BEIJING", ["BEIJING"], (9, 11, 2019),
     "Wire", "Chinese"),
    ("QUITO, April 6 (Reuters) — Ecuador said", "QUITO", ["QUITO"], (4, 6, None), "Reuters", "Ecuador"),
    ("UNITED NATIONS, Jan 3 - The Security Council", "UNITED NATIONS", ["UNITED NATIONS"], (1, 3, None), None, "The"),
    ("KYIV/MOSCOW, March 2 — Russian troops", "KYIV/MOSCOW", ["KYIV", "MOSCOW"], (3, 2, None), None, "Russian"),
    ("SAMARKAND, Uzbekistan, Sept. 16 (AP) — Xi met", "SAMARKAND, Uzbekistan", ["SAMARKAND"], (9, 16, None), "AP", "Xi"),
    ("Ankara, Oct 9 — Turkey launched", "Ankara", ["Ankara"], (10, 9, None), None, "Turkey"),
    ("BRUSSELS, 23 June (EFE) – European Union leaders", "BRUSSELS", ["BRUSSELS"], (6, 23, None), "EFE", "European"),
    ("WASHINGTON (Reuters) - The United States", "WASHINGTON", ["WASHINGTON"], (None, None, None), "Reuters", "The"),
    ("KYIV, Ukraine (AP) — Polish President", "KYIV, Ukraine", ["KYIV"], (None, None, None), "AP", "Polish"),
    ("BEIJING — China's exports rose", "BEIJING", ["BEIJING"], (None, None, None), None, "China's"),
    ("ADDIS ABABA, Feb. 18, 2024 (Xinhua) -- The African Union", "ADDIS ABABA", ["ADDIS ABABA"], (2, 18, 2024),
     "Xinhua", "The"),
    ("TOKYO, March 16 (Kyodo) -- South Korean President", "TOKYO", ["TOKYO"], (3, 16, None), "Kyodo", "South"),
    ("MOSCOW, September 16. /TASS/. Russian President", "MOSCOW", ["MOSCOW"], (9, 16, None), "TASS", "Russian"),
    ("NEW DELHI, Oct 2 (PTI): India on Wednesday", "NEW DELHI", ["NEW DELHI"], (10, 2, None), "PTI", "India"),
    ("RIYADH, Saudi Arabia — Saudi officials", "RIYADH, Saudi Arabia", ["RIYADH"], (None, None, None), None, "Saudi"),
    ("Rio de Janeiro, Nov 18 (dpa) - Leaders of the G20", "Rio de Janeiro", ["Rio de Janeiro"], (11, 18, None),
     "dpa", "Leaders"),
]

NOT_DATELINES = [
    "Russia, China hold joint naval drills in Sea of Japan - defence ministry",
    "NATO - the alliance Ukraine hopes to join - rejected Kyiv's request on Tuesday.",
    "EU leaders on Thursday agreed to open accession talks with Ukraine and Moldova.",
    "Wednesday, January 3, 2024 - Israel and Hamas traded fire.",
    "BRICS on Thursday invited Iran and Saudi Arabia to join the bloc.",
    "EXCLUSIVE - China weighs new curbs on rare earth exports",
    "US - China trade talks resumed in Geneva on Saturday.",
    "Kyiv said on Friday that Russian drones had struck the port of Izmail.",
    "Xi, Lukashenko agree to deepen ties - Xinhua",
    "MINSK, July 9 -",  # nothing follows: no story
    "NATO: Russia must withdraw its troops",
    "WATCH: Putin meets Xi in Beijing",
    "Beijing: China said it would retaliate",
]


@pytest.mark.parametrize(("text", "place", "places", "when", "agency", "lead"), DATELINES)
def test_a_dateline_is_recognised_with_its_parts(text, place, places, when, agency, lead):
    line = dateline_at(text)
    assert line is not None
    assert (line.place, list(line.places), (line.month, line.day, line.year), line.agency) == (place, places, when, agency)
    assert text[line.start:line.end].strip()[-1] in "-—–:."
    assert text[line.end:].split()[0] == lead
    assert text[line.place_start:line.place_end] == place


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_a_capitalised_sentence_start_or_headline_is_no_dateline(text):
    assert dateline_at(text) is None


def test_a_dateline_opens_a_line_after_a_headline_and_only_there():
    text = "Xi arrives in Moscow for talks\nMOSCOW, March 20 (Reuters) - Xi Jinping arrived in Moscow."
    [line] = find_datelines(text)
    assert line.place == "MOSCOW" and text[line.end:].startswith("Xi Jinping")
    assert find_datelines("He said MOSCOW, March 20 - was a date.") == []
    [line] = find_datelines("CHINA BELARUS TIES\nMINSK, July 9 - Troops arrived.")  # no place across lines
    assert line.place == "MINSK" and line.start == 19
    assert story_dateline("x" * 2000 + "\nMOSCOW, March 20 - Xi arrived.") is None  # far into the story


def test_a_dateline_without_a_year_takes_the_one_nearest_before_the_reference():
    line = dateline_at("UNITED NATIONS, Jan 3 - The council met.")
    assert line.resolve(date(2024, 1, 5)) == date(2024, 1, 3)
    assert line.resolve(date(2024, 1, 3)) == date(2024, 1, 3)
    assert line.resolve(date(2024, 1, 2)) == date(2024, 1, 3)  # filed a time zone ahead
    assert line.resolve(date(2024, 1, 1)) == date(2024, 1, 3)
    assert line.resolve(date(2023, 12, 31)) == date(2023, 1, 3)
    assert line.resolve(None) is None
    leap = dateline_at("MOSCOW, Feb 29 - Russia said.")
    assert leap.resolve(date(2025, 3, 1)) == date(2024, 2, 29)
    assert dateline_at("BEIJING, Dec 31 - China said.").resolve(date(2025, 1, 1)) == date(2024, 12, 31)
    assert dateline_at("BEIJING, Jan 1 - China said.").resolve(date(2024, 12, 31)) == date(2025, 1, 1)
    assert dateline_at("BEIJING, Sept 11, 2019 (Wire) - China said.").resolve(None) == date(2019, 9, 11)
    assert dateline_at("WASHINGTON (Reuters) - Officials said.").resolve(date(2024, 1, 1)) is None


def test_a_document_without_a_date_is_dated_by_its_dateline_and_says_so(tmp_path):
    dated = date_from_dateline(Document("a", "BEIJING, Sept 11, 2019 (Wire) - Xi met Tokayev."))
    assert dated.pub_date == date(2019, 9, 11) and dated.meta["pub_date_source"] == "dateline"
    by_url = date_from_dateline(Document("b", "MINSK, July 9 - Troops arrived.", url="https://x.by/2024/07/10/drills"))
    assert by_url.pub_date == date(2024, 7, 9) and by_url.meta["pub_date_source"] == "dateline, year from the URL"
    story = tmp_path / "story.txt"
    story.write_text("MINSK, Dec 30 - Troops arrived.", encoding="utf-8")
    os.utime(story, (datetime(2025, 1, 2, 12).timestamp(),) * 2)
    by_file = date_from_dateline(Document("c", story.read_text(encoding="utf-8"), origin=str(story)))
    assert by_file.pub_date == date(2024, 12, 30)
    assert by_file.meta["pub_date_source"] == "dateline, year from the file's date"
    unknown = date_from_dateline(Document("d", "MINSK, July 9 - Troops arrived."))
    assert unknown.pub_date is None and unknown.meta["dateline"]["date"] is None
    given = date_from_dateline(Document("e", "MINSK, July 9 - Troops arrived.", pub_date=date(2024, 7, 10)))
    assert given.pub_date == date(2024, 7, 10) and "pub_date_source" not in given.meta
    assert given.meta["dateline"]["date"] == "2024-07-09"


def test_an_open_date_has_a_reading_ahead_and_a_dated_one_has_not():
    friday = date(2022, 9, 16)
    thursday, friday_named, september, year = find_dates("on Thursday on Friday in September in 2021", friday)
    assert (thursday.value, thursday.open) == ("2022-09-15", "weekday")
    assert ahead(thursday, friday).value == "2022-09-22"
    assert ahead(friday_named, friday).value == "2022-09-16"  # the same day, either way
    assert ahead(september, friday).value == "2022-09"
    assert ahead(DateMention(0, 1, "2022-03", "month", "month"), friday).value == "2023-03"
    assert ahead(year, friday) == year and year.open is None


@pytest.mark.parametrize(("written", "day", "precision"), [
    ("2015-05-10", date(2015, 5, 10), "day"),
    ("10 May 2015", date(2015, 5, 10), "day"),
    ("May 10, 2015", date(2015, 5, 10), "day"),
    ("10th of May, 2015", date(2015, 5, 10), "day"),
    ("10/05/2015", date(2015, 5, 10), "day"),  # day first
    ("10.05.2015", date(2015, 5, 10), "day"),
    ("12/31/2015", date(2015, 12, 31), "day"),  # no day-first reading: month first
    ("May 2015", date(2015, 5, 1), "month"),
    ("2015-05", date(2015, 5, 1), "month"),
    ("2015", date(2015, 1, 1), "year"),
    (" 10  May   2015 ", date(2015, 5, 10), "day"),
])
def test_lookup_dates_are_read_in_the_forms_people_write(written, day, precision):
    assert parse_lookup_date(written) == LookupDate(day, precision)


@pytest.mark.parametrize(("written", "says"), [
    ("Blursday", "'Blursday' gives no year"),
    ("May", "'May' gives no year"),
    ("", "an empty date"),
    ("the 99th of Smarch 2015", "'the 99th of Smarch 2015' is not a date any known form reads"),
])
def test_a_lookup_date_no_form_reads_is_refused_by_name(written, says):
    with pytest.raises(ValueError, match=says):
        parse_lookup_date(written)


# -- through the pipeline --------------------------------------------------------------------------

@pytest.mark.slow
def test_the_lead_after_a_dateline_codes_with_true_offsets_place_and_date(coder):
    text = "MINSK, July 9 - Chinese troops have begun an 11-day joint training exercise with Belarusian forces."
    coded = coder.code_one(Document("m", text, pub_date=date(2024, 7, 10)))
    [event] = coded.events
    assert (event.type, event.source.code, event.target.code) == ("COOPERATE", "CHN", "BLR")
    assert text[event.sentence_start:event.sentence_end] == event.sentence
    assert event.sentence.startswith("Chinese troops")
    assert text[event.trigger_start:event.trigger_end] == event.trigger
    assert (event.date, event.location, event.location_text) == ("2024-07-09", "BLR", "MINSK")


@pytest.mark.slow
@pytest.mark.parametrize(("text", "pub", "want"), [
    # A weekday with a past act is the last one; with a planned act the next; the same day is that day.
    ("China and Belarus agreed on Thursday to upgrade their ties into an all-weather comprehensive "
     "strategic partnership.", "2022-09-16", "2022-09-15"),
    ("Chinese Foreign Minister Wang Yi will travel to Moscow on Tuesday for talks with Russian Foreign "
     "Minister Sergei Lavrov.", "2023-02-17", "2023-02-21"),
    ("Spanish Prime Minister Pedro Sanchez will meet Chinese President Xi Jinping in Beijing on Friday.",
     "2023-03-31", "2023-03-31"),
    ("Russian President Vladimir Putin will visit China in May, the Kremlin said.", "2024-03-20", "2024-05"),
    # A year in a comparison is no date of the act.
    ("Russia launched its largest military exercises since 1981 on Tuesday.", "2018-09-12", "2018-09-11"),
    ("Russian President Vladimir Putin visited North Korea for the first time since 2000.", "2024-06-19",
     "2024-06-19"),
])
def test_an_act_is_dated_by_its_own_clause(coder, text, pub, want):
    coded = coder.code_one(Document("d", text, pub_date=date.fromisoformat(pub)))
    assert [e.date for e in coded.events][:1] == [want]


@pytest.mark.slow
def test_a_since_date_of_a_state_is_kept(coder):
    coded = coder.code_one(Document("s", "Turkey has been a dialogue partner of the Shanghai Cooperation "
                                    "Organization since 2013.", pub_date=date(2023, 5, 20)))
    assert [(f.status, f.date) for f in coded.ledger] == [("dialogue_partner", "2013")]


@pytest.mark.slow
def test_the_dateline_check_set_holds():
    """tests/data/dateline_check.jsonl, written before the coder was run on it: event F1 and, for
    every event coded that the set dates, the date."""
    from bilateral.evaluation import evaluate
    from bilateral.pipeline import Coder

    coder = Coder()
    report = evaluate(CHECK_SET, coder)
    assert report.events.f1 >= 0.9 and report.ledger.recall >= 0.99
    from bilateral.evaluation import _max_matching, event_matches, load_gold

    wrong = []
    for item in load_gold(CHECK_SET):
        coded = coder.code_one(item.document)
        dated = [g for g in item.events if "date" in g and not g.get("optional")]
        for g, c in _max_matching(dated, coded.events, event_matches).items():
            if coded.events[c].date != dated[g]["date"]:
                wrong.append((item.id, coded.events[c].date, dated[g]["date"]))
    assert wrong == []


# -- end to end: bilateral code on a .txt without --date --------------------------------------------

@pytest.mark.slow
def test_code_dates_a_txt_by_its_dateline_when_no_date_is_given(tmp_path):
    story = tmp_path / "minsk.txt"
    story.write_text("Chinese troops in Belarus for drills\n"
                     "MINSK, July 9 (Reuters) - Chinese troops have begun an 11-day joint training exercise "
                     "with Belarusian forces near the Polish border, the defence ministry said on Tuesday.\n",
                     encoding="utf-8")
    os.utime(story, (datetime(2024, 7, 12, 9).timestamp(),) * 2)
    runner = CliRunner()
    result = runner.invoke(cli, ["code", str(story), "--jsonl", "--quiet"])
    assert result.exit_code == 0, result.output
    [line] = [json.loads(x) for x in result.stdout.splitlines() if x.strip()]
    assert line["pub_date"] == "2024-07-09"
    assert line["pub_date_source"] == "dateline, year from the file's date"
    assert line["dateline"]["place"] == "MINSK" and line["dateline"]["agency"] == "Reuters"
    text = clean_text(story.read_text(encoding="utf-8"))  # the document's text, as its offsets count
    lead = [e for e in line["events"] if e["sentence"].startswith("Chinese troops have begun")]
    assert [(e["event_type"], e["source_code"], e["target_code"], e["event_date"], e["location"]) for e in lead] == \
        [("COOPERATE", "CHN", "BLR", "2024-07-09", "BLR")]
    assert all(text[e["sentence_start"]:e["sentence_end"]] == e["sentence"] for e in line["events"])
    given = runner.invoke(cli, ["code", str(story), "--jsonl", "--quiet", "--date", "2024-07-10"])
    [line] = [json.loads(x) for x in given.stdout.splitlines() if x.strip()]
    assert (line["pub_date"], line["pub_date_source"]) == ("2024-07-10", "input")


@pytest.mark.slow
def test_actors_lookup_reads_a_written_date_and_names_a_bad_one(tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["actors", "lookup", "the Belarusian president", "--date", "10 May 2015"])
    assert result.exit_code == 0 and json.loads(result.stdout)[0]["date"] == "2015-05-10"
    bad = runner.invoke(cli, ["actors", "lookup", "the Belarusian president", "--date", "Smarch"])
    assert bad.exit_code == 2 and "'Smarch' gives no year" in bad.stderr
    lines = tmp_path / "m.jsonl"
    lines.write_text('{"text": "the French president", "date": "May 10, 2015"}\n'
                     '{"text": "the French president", "date": "the 99th of Smarch 2015"}\n'
                     '{"text": "the French president", "date": "2017"}\n', encoding="utf-8")
    result = runner.invoke(cli, ["actors", "lookup", "--jsonl", str(lines)])
    assert result.exit_code == 1
    assert "line 2: 'date': 'the 99th of Smarch 2015' is not a date" in result.stderr
    names = [json.loads(x)["actors"][0]["name"] for x in result.stdout.splitlines()]
    assert names == ["Francois Hollande", "Francois Hollande"]


def test_a_date_inside_an_apposition_does_not_date_the_clause(coder):
    from datetime import date

    from bilateral.model import Document

    text = ("Japan, a member of the Quad since 2007, condemned the missile launch by North Korea on "
            "Tuesday. Australia, an ally of Washington since 1951, criticised Beijing.")
    coded = coder.code_one(Document(id="a", text=text, pub_date=date(2024, 5, 22)))
    dates = {e.source.code: e.date for e in coded.events if e.source is not None}
    assert dates.get("JPN") == "2024-05-21"
    assert dates.get("AUS") == "2024-05-22"
