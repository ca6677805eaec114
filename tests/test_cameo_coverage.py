"""Acts the CAMEO coverage sets (tests/data/cameo_*_check.jsonl, issue 15) found unrecognized, each
shown on sentences written for this file (none of them is in the check sets, which are kept apart to
measure the coder), and a floor under the coverage set itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilateral.evaluation import evaluate
from tests.test_unseen_news import triples

pytestmark = pytest.mark.slow

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("text", "expected"), [
    # Rejecting a report its author is named for rejects the author (accusation_nouns).
    ("Damascus rejected the OPCW's report on the Douma attack.", ("REJECT", "SYR", "OPCW")),
    # Event nouns: a release, a lifting, a restoration, a prisoner exchange between two states.
    ("Belarus's release of 37 Lithuanian prisoners came after months of talks.", ("RETREAT", "BLR", "LTU")),
    ("The release of three Thai hostages by Hamas came on Friday.", ("RETREAT", "PSE", "THA")),
    ("Washington announced the lifting of sanctions on Syria's central bank.", ("RETREAT", "USA", "SYR")),
    ("The restoration of ties between Bahrain and Qatar was announced on Wednesday.", ("SUPPORT", "BHR", "QAT")),
    ("A prisoner exchange between Armenia and Azerbaijan took place at the border.", ("RETREAT", "ARM", "AZE")),
    # Hyphenated two-word event nouns: "build-up" as "build up", "pull-out" as "pull out".
    ("China's military build-up near Taiwan worried Tokyo.", ("MOBILIZE", "CHN", "TWN")),
    ("The French pull-out from Mali ended a nine-year mission.", ("RETREAT", "FRA", "MLI")),
    # Lexicon rows: pumping gas, training alongside, spies handed over, visas waived, allies rallied
    # against a state, patrols near a place, a people driven from a place, inspectors allowed in.
    ("Azerbaijan began pumping gas to Italy through the Trans Adriatic Pipeline.", ("COOPERATE", "AZE", "ITA")),
    ("Serbia and Bulgaria inaugurated a gas interconnector in December.", ("COOPERATE", "SRB", "BGR")),
    ("Japanese marines trained alongside Australian troops in Queensland.", ("COOPERATE", "JPN", "AUS")),
    ("Russia handed over two American spies to Washington.", ("RETREAT", "RUS", "USA")),
    ("Thailand waived visas for tourists from China.", ("CONCEDE", "THA", "CHN")),
    ("Kyiv rallied European governments against Russia's grain blockade.", ("ACCUSE", "UKR", "RUS")),
    ("Russian warships patrolled near the Latvian coast.", ("MOBILIZE", "RUS", "LVA")),
    ("Iran allowed IAEA experts to inspect the Natanz plant.", ("RETREAT", "IRN", "IAEA")),
    ("Morocco withdrew from the African Union in 1984.", ("SANCTION", "MAR", "AU")),
    ("Finland welcomed the resumption of talks with Russia on the border.", ("SUPPORT", "FIN", "RUS")),
    ("Japan's ban on imports of Chinese scallops took effect.", ("SANCTION", "JPN", "CHN")),
    ("Hungary stepped up trade with China last year.", ("COOPERATE", "HUN", "CHN")),
    # An object told to leave is whom the order is given, not an act ordered.
    ("Chad ordered the UN peacekeeping mission to leave by the end of the year.", ("SANCTION", "TCD", "UN")),
    # A cooperative act said not to come is a refusal.
    ("Austria will not supply weapons to Ukraine, the Austrian chancellor said.", ("REJECT", "AUT", "UKR")),
    # A response announced to a deployment, or force an attack "would be met with", is a threat.
    ("Moscow said it would respond to the deployment of NATO troops in Finland.", ("THREATEN", "RUS", "NATO")),
    # A forceful answer announced is a threat.
    ("North Korea said it would deliver a crushing blow to any South Korean provocation.",
     ("THREATEN", "PRK", "KOR")),
])
def test_reading(coder, text: str, expected: tuple[str, str, str | None]) -> None:
    assert expected in triples(coder, text, all_acts=True)


@pytest.mark.parametrize(("text", "unwanted"), [
    # An act an intention names, or a 'whether' clause asks about, has not happened.
    ("Turkey has no intention of joining the sanctions on Russia.", "SANCTION"),
    ("Officials declined to say whether Britain would send more tanks to Ukraine.", "AID"),
    ("Officials declined to say whether Britain would send more tanks to Ukraine.", "AGREE"),
    # A cooperative act one state says another will not do is its claim, no refusal.
    ("Kyiv said Moscow would not release the Ukrainian sailors.", "REJECT"),
    # A message of condolence is no appeal.
    ("Modi sent a message of condolence to the Nepalese prime minister after the crash.", "REQUEST"),
])
def test_no_act(coder, text: str, unwanted: str) -> None:
    assert not any(t[0] == unwanted for t in triples(coder, text, all_acts=True))


def test_coverage_set_floor(coder) -> None:
    """The coverage set written from the CAMEO codebook (one sentence or more per 3-digit code):
    0.838 when it was written, 0.875 after the fixes of issue 15."""
    report = evaluate(DATA / "cameo_coverage_check.jsonl", coder)
    assert report.events.f1 >= 0.86
