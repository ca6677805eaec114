"""The web app, in process (starlette's TestClient): every page and API route, escaping of
document text, pagination, friendly country arguments, read-only, nothing from other sites."""

from __future__ import annotations

import re

import pytest

from .web_fixtures import HOSTILE_TEXT, HOSTILE_TITLE, build_database

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def client(coder, tmp_path_factory):
    from fastapi.testclient import TestClient

    from bilateral.web.app import create_app

    db = build_database(coder, tmp_path_factory.mktemp("web") / "web.duckdb")
    with TestClient(create_app(db)) as c:
        yield c


PAGES = ["/", "/events", "/events?country=Chinese", "/dyads/CHN/BLR", "/countries/CHN", "/documents",
         "/documents/china-belarus-2022", "/search?q=partnership", "/network", "/network?since=2023-01-01",
         "/api/docs"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_renders_and_loads_nothing_from_other_sites(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for url in re.findall(r'(?:src|href)="([^"]+)"', r.text):
        assert url.startswith(("/", "#", "data:")) or "example.org" in url, url


def test_dyad_page_shows_the_partnership_its_rank_the_timeline_the_chart_and_highlighted_events(client):
    html = client.get("/dyads/CHN/BLR").text
    current = html[html.index('id="current"'):html.index('id="chart-section"')]
    assert "all-weather comprehensive strategic partnership" in current and "rank 2 on CHN" in current
    assert "established (1992)" in current
    timeline = html[html.index('id="timeline"'):html.index('id="events"')]
    assert timeline.index("1992") < timeline.index("2022-09-15")
    assert '<mark class="hl-ledger ' in timeline and 'href="/documents/china-belarus-2022"' in timeline
    assert 'id="dyad-chart-spec"' in html and '<script src="/vendor/vega-bundle.js">' in html
    events = html[html.index('id="events"'):]
    assert '<mark class="hl-trigger ' in events and '<mark class="hl-source ' in events
    assert '<mark class="hl-target ' in events
    assert "/documents/china-belarus-2022#event-" in events


def test_names_and_demonyms_lead_to_the_codes_page_and_unknown_names_are_a_clear_404(client):
    r = client.get("/dyads/China/Belarusian", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"].endswith("/dyads/CHN/BLR")
    r = client.get("/dyads/Chna/BLR")
    assert r.status_code == 404 and "unknown country or actor" in r.text and "did you mean China (CHN)?" in r.text
    r = client.get("/api/events", params={"country": "Atlantis"})
    assert r.status_code == 404 and "Atlantis" in r.json()["detail"]
    assert client.get("/api/events", params={"country": "Chinese"}).json()["paging"]["total"] > 0


def test_document_text_and_title_are_escaped_everywhere(client):
    pages = [client.get(p).text for p in ("/documents/hostile%3C1%3E", "/documents", "/", "/dyads/CHN/BLR",
                                          "/search?q=script", "/events?country=BLR")]
    for html in pages:
        assert "<script>alert" not in html and "<img src=x" not in html and "<b>bold</b>" not in html
    doc = pages[0]
    assert "&lt;script&gt;alert(&#34;title&#34;)&lt;/script&gt;" in doc
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in doc
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in doc
    assert 'href="javascript:' not in doc and "javascript:alert(&#39;url&#39;)" in doc
    assert "&lt;i&gt;Evil&lt;/i&gt; Wire" in doc
    # the JSON API gives the text as it is
    api = client.get("/api/documents/hostile%3C1%3E").json()
    assert api["title"] == HOSTILE_TITLE and api["text"] == HOSTILE_TEXT


def test_the_chart_specification_in_the_page_cannot_close_its_script_tag(client):
    html = client.get("/dyads/CHN/BLR").text
    spec = html[html.index('id="dyad-chart-spec">'):]
    spec = spec[: spec.index("</script>")]
    assert "<" not in spec.split(">", 1)[1]


def test_document_page_marks_every_coded_span(client):
    doc = client.get("/api/documents/china-belarus-2022").json()
    html = client.get("/documents/china-belarus-2022").text
    text = html[html.index('<div class="doctext">'):html.index("</article>")]
    marked = re.findall(r'<mark class="([^"]+)"[^>]*>([^<]*)</mark>', text)
    triggers = [text for classes, text in marked if "hl-trigger" in classes]
    assert sorted(set(triggers)) == sorted({e["trigger"] for e in doc["events"]})
    assert any("hl-ledger" in classes for classes, _ in marked)
    covered = "".join(seg["text"] for seg in doc["segments"])
    assert covered == doc["text"]  # the segments are the whole text, in order


def test_every_list_is_paged(client):
    everything = client.get("/api/events", params={"per_page": 500}).json()
    total = everything["paging"]["total"]
    assert total == len(everything["events"]) > 10
    seen = []
    for page in range(1, 100):
        body = client.get("/api/events", params={"per_page": 7, "page": page}).json()
        seen += [e["event_id"] for e in body["events"]]
        if body["paging"]["next"] is None:
            break
    assert seen == [e["event_id"] for e in everything["events"]]
    for path in ("/api/dyads", "/api/documents", "/api/ledger", "/api/search", "/api/countries/CHN",
                 "/api/network"):
        body = client.get(path, params={"per_page": 1, "q": "the"}).json()
        assert "paging" in body, (path, body)
        assert body["paging"]["per_page"] == 1 and body["paging"]["total"] >= 1, path
    html = client.get("/events", params={"per_page": 5}).text
    assert 'rel="next"' in html and "page=2" in html
    assert client.get("/api/events", params={"per_page": 0}).status_code == 422
    assert client.get("/api/events", params={"page": 0}).status_code == 422


def test_api_returns_what_the_page_shows(client):
    api = client.get("/api/dyads/CHN/BLR").json()
    assert api["partnership"]["label"] == "all-weather comprehensive strategic partnership"
    assert api["partnership"]["rank"] == 2
    assert [t["date"] for t in api["timeline"]] == ["1992", "2022-09-15"]
    html = client.get("/dyads/CHN/BLR").text
    for e in api["events"]:
        assert f'id="event-{e["event_id"]}"' in html
    chart = client.get("/api/dyads/CHN/BLR/chart").json()
    assert chart["$schema"].startswith("https://vega.github.io/schema/vega-lite/")
    series = client.get("/api/dyads/China/Belarus/series", params={"freq": "year"}).json()
    by_year = {row["period"]: row["events"] for row in series["rows"]}
    assert by_year["1992-01-01"] == 1 and by_year["2022-01-01"] >= 6  # "1992" counts in its year


def test_country_page_ranks_partners_and_lists_memberships(client):
    api = client.get("/api/countries/China").json()
    assert api["actor"] == {"code": "CHN", "name": "China"}
    ranked = [(p["rank"], p["since"], p["partner"]) for p in api["partners"]]
    assert ranked[:2] == [(2, "2015", "PAK"), (2, "2022-09-15", "BLR")] and ranked == sorted(ranked)
    assert api["event_counts"]["as_source"] > 0
    blr = client.get("/api/countries/BLR").json()
    assert any(m["organization"] == "SCO" for m in blr["memberships"])
    html = client.get("/countries/CHN").text
    assert html.index("Pakistan") < html.index("Belarus") < html.index("Memberships")


def test_search_network_ledger_and_documents(client):
    found = client.get("/api/search", params={"q": "all-weather"}).json()
    assert found["paging"]["total"] >= 2 and all("all-weather" in r["sentence"].lower() for r in found["results"])
    assert client.get("/api/search", params={"q": "%"}).json()["paging"]["total"] == 0  # a literal percent sign
    net = client.get("/api/network").json()
    assert any(e["source"] == "CHN" and e["target"] == "BLR" and e["events"] > 0 for e in net["edges"])
    later = client.get("/api/network", params={"since": "2023-01-01"}).json()
    assert not any(e["source"] == "CHN" and e["target"] == "BLR" and e["events"] > 0 for e in later["edges"])
    ledger = client.get("/api/ledger", params={"a": "China", "b": "BLR"}).json()
    assert {f["kind"] for f in ledger["facts"]} == {"partnership", "diplomatic_relations"}
    docs = client.get("/api/documents").json()
    assert docs["paging"]["total"] == 5
    assert client.get("/api/documents/nope").status_code == 404
    assert client.get("/documents/nope").status_code == 404


def test_the_app_is_read_only_and_serves_the_chart_library_itself(client):
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/events").status_code == 405
    bundle = client.get("/vendor/vega-bundle.js")
    assert bundle.status_code == 200 and "vegaEmbed" in bundle.text and len(bundle.content) > 500_000
    schema = client.get("/api/openapi.json").json()
    assert {"/api/events", "/api/dyads", "/api/dyads/{a}/{b}/series", "/api/ledger", "/api/network",
            "/api/documents", "/api/search"} <= set(schema["paths"])
    assert set(schema["paths"]) == {p for p in schema["paths"] if p.startswith("/api/")}


def test_the_page_draws_the_same_chart_specification_that_bilateral_plot_renders(client):
    from bilateral.analysis.charts import dyad_figure

    store = client.app.state.store
    for freq in ("month", "year"):
        assert client.get("/api/dyads/CHN/BLR/chart", params={"freq": freq}).json() == \
            dyad_figure(store, "China", "Belarus", freq=freq)


def test_a_pair_with_nothing_recorded_says_so(client):
    html = client.get("/dyads/FRA/PAK").text
    assert "none recorded" in html and "Nothing to draw" in html and "The ledger holds nothing on this pair" in html
    assert client.get("/api/dyads/FRA/PAK/chart").status_code == 404
    assert client.get("/api/dyads/FRA/PAK").json()["paging"]["total"] == 0


def test_a_local_server_refuses_requests_for_other_host_names(client):
    from fastapi.testclient import TestClient

    from bilateral.web.app import create_app

    db = client.app.state.store.path
    with TestClient(create_app(db, allowed_hosts=["127.0.0.1", "localhost"]), base_url="http://127.0.0.1:8000") as local:
        assert local.get("/api/documents").status_code == 200
        assert local.get("/api/documents", headers={"host": "attacker.example"}).status_code == 400
