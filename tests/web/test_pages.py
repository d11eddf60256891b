"""The web pages on the demo corpus: real content on every page, 404s, pagination, escaping."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newslens.store import Store
from newslens.web.render import Pager, highlight, parse_page
from newslens.web.routes import STATIC_DIR

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"
CITATION = re.compile(r'\[<a href="/articles/[0-9a-f]+">[^<]+, (\d{4}-\d{2}-\d{2}|undated)</a>\]')


def get(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


class _Tags(HTMLParser):
    """Every start tag of a page, with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_no_injected_markup(html: str) -> None:
    """No hostile tag or event handler survives: only our own script (the vendored htmx)."""
    assert SCRIPT not in html and IMG not in html
    parser = _Tags()
    parser.feed(html)
    scripts = [attrs for tag, attrs in parser.tags if tag == "script"]
    assert all(a.get("src", "").endswith("/static/vendor/htmx.min.js") for a in scripts), scripts
    assert len(scripts) <= 1
    assert not [tag for tag, _ in parser.tags if tag in ("img", "iframe", "object", "embed")]
    handlers = [(tag, k) for tag, attrs in parser.tags for k in attrs if k.startswith("on")]
    assert not handlers, handlers


# -- search -----------------------------------------------------------------------------------


def test_web_search_lists_hits_with_outlet_date_and_highlight(client: TestClient) -> None:
    html = get(client, "/search?q=sanctions")
    assert "<mark>sanctions</mark>" in html.lower()
    assert "KST" in html and "2025-03-17" in html
    assert 'href="/articles/' in html
    assert 'rel="next"' in html, "more than one page of hits"


def test_web_home_is_the_search_form(client: TestClient) -> None:
    html = get(client, "/")
    assert 'name="q"' in html and "hx-get" in html
    assert re.search(r"Search the titles and text of \d+ articles", html)


def test_web_search_htmx_request_gets_the_results_block_only(client: TestClient) -> None:
    response = client.get("/search?q=Lenz", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="results"')
    assert "<html" not in response.text and "<mark>Lenz</mark>" in response.text


def test_web_search_pages_through_hits(client: TestClient) -> None:
    first = get(client, "/search?q=Norvadia")
    second = get(client, "/search?q=Norvadia&page=2")
    assert 'rel="prev"' in second and "Results 21–" in second
    titles = re.compile(r'class="title" href="(/articles/[0-9a-f]+)"')
    assert set(titles.findall(first)).isdisjoint(titles.findall(second))
    get(client, "/search?q=Norvadia&page=500", status=404)


@pytest.mark.parametrize(
    "query",
    ['"', "NEAR(a b", "'; DROP TABLE articles; --", "a OR OR -", "*", "x" * 2000, "%00", "\\"],
)
def test_web_search_survives_hostile_queries(client: TestClient, query: str) -> None:
    response = client.get("/search", params={"q": query})
    assert response.status_code == 200, response.text[:300]
    assert_no_injected_markup(response.text)


def test_web_search_escapes_hostile_article(client: TestClient) -> None:
    html = get(client, "/search?q=lantern+festival")
    assert "Lantern festival draws crowds" in html
    assert ESCAPED_SCRIPT in html
    assert_no_injected_markup(html)


# -- stories and threads ----------------------------------------------------------------------


def test_web_stories_list_shows_dates_label_counts_outlets_thread(client: TestClient) -> None:
    html = get(client, "/stories")
    assert "Port Seren statement: what it says and what it leaves out" in html
    assert "2025-04-16 – 2025-04-17" in html
    assert "The Meridian Post" in html and 'href="/threads/' in html
    assert 'rel="next"' in html and 'rel="prev"' not in html


def test_web_stories_pagination_edges(client: TestClient, demo_store: Store) -> None:
    pages = Pager(1, demo_store.count_stories()).pages
    assert pages >= 2
    last = get(client, f"/stories?page={pages}")
    assert 'rel="prev"' in last and 'rel="next"' not in last
    assert get(client, "/stories?page=1") == get(client, "/stories")
    assert "No page" in get(client, f"/stories?page={pages + 1}", status=404)
    for bad in ("0", "-1", "abc", "1.5", "9" * 30):
        assert "Bad page number" in get(client, f"/stories?page={bad}", status=400)


def _story_id(demo_store: Store, label: str) -> str:
    return next(s.id for s in demo_store.iter_stories() if s.label == label)


def test_web_story_page_shows_cited_summary_outlets_coverage_quotes_timeline(
    client: TestClient, demo_store: Store
) -> None:
    story_id = _story_id(demo_store, "Port Seren statement: what it says and what it leaves out")
    html = get(client, f"/stories/{story_id}")
    assert "<h1>Port Seren statement: what it says and what it leaves out</h1>" in html
    summary = html.split('id="summary"')[1].split('id="articles"')[0]
    assert len(CITATION.findall(summary)) >= 3
    assert "[<a" in summary and "The Meridian Post, 2025-04-16" in summary
    for section in ("Articles by outlet", "Who reported what", "Distinctive wording",
                    "Competing terms", "Quotes", "Timeline"):  # fmt: skip
        assert section in html
    assert 'class="matrix"' in html and 'class="yes"' in html
    assert "<h3>Basin Review</h3>" in html and "<blockquote>" in html
    assert '<svg class="chart"' in html and "<circle" in html
    assert 'href="/threads/' in html and 'href="/events/' in html


def test_web_threads_list_and_thread_page(client: TestClient, demo_store: Store) -> None:
    html = get(client, "/threads")
    thread = max(demo_store.threads(), key=lambda t: len(t.story_ids))
    assert thread.label in html
    page = get(client, f"/threads/{thread.id}")
    assert f"<h1>{thread.label}</h1>" in page.replace("&ndash;", "–")
    links = re.findall(r'<li><span class="day">[^<]*</span> <a href="/stories/(s[0-9a-f]+)"', page)
    assert set(links) == set(thread.story_ids)
    starts = [demo_store.get_story(i).start for i in links]  # type: ignore[union-attr]
    dated = [d for d in starts if d]
    assert dated == sorted(dated), "stories in date order"
    assert '<svg class="chart"' in page and "Relation:" in page
    assert CITATION.search(page)


# -- actors, dyads, events --------------------------------------------------------------------


def test_web_actors_list_most_mentioned_first(client: TestClient) -> None:
    html = get(client, "/actors")
    assert html.index(">Kestria<") < html.index(">Dario Lenz<")
    assert 'href="/actors/state:XKS"' in html
    assert "No page" in get(client, "/actors?page=99", status=404)


@pytest.mark.parametrize("key", ["state:XKS", "Kestria", "kestrian", "Dorun"])
def test_web_actor_page_by_id_name_or_alias(client: TestClient, key: str) -> None:
    html = get(client, f"/actors/{key}")
    assert "<h1>Kestria</h1>" in html
    assert "Kestrian government" in html, "aliases"
    assert '<svg class="chart"' in html and "Events over time" in html
    assert 'href="/dyads/state:XKS/state:XNV"' in html, "top counterpart links to the dyad"
    assert 'href="/events/' in html


def test_web_actor_page_shows_roles_and_quotes(client: TestClient) -> None:
    html = get(client, "/actors/Lenz")
    assert "<h1>Dario Lenz</h1>" in html and "foreign minister" in html
    quotes = html.split('id="quotes"')[1].split('id="mentions"')[0]
    assert "<blockquote>" in quotes and CITATION.search(quotes)


def test_web_dyad_page_shows_relation_chart_and_events(client: TestClient) -> None:
    html = get(client, "/dyads/Kestria/Norvadia")
    assert "<h1>Kestria – Norvadia</h1>" in html
    assert 'aria-label="Relation score by month"' in html and "<rect" in html
    events = html.split('id="events"')[1].split('id="timeline"')[0]
    assert events.count('href="/events/') >= 3 and "SANCTION" in events
    assert CITATION.search(html)


def test_web_dyad_of_unknown_or_same_actor_is_404(client: TestClient) -> None:
    assert "No actor" in get(client, "/dyads/Kestria/Atlantis", status=404)
    get(client, "/dyads/Kestria/state:XKS", status=404)


def test_web_event_page_shows_type_actors_dates_evidence(
    client: TestClient, demo_store: Store
) -> None:
    event = next(e for e in demo_store.iter_events() if e.source and e.target and e.evidence)
    html = get(client, f"/events/{event.id}")
    assert event.type in html and event.id in html
    assert f'href="/actors/{event.source}"' in html and f'href="/dyads/{event.source}/' in html
    evidence = html.split('id="evidence"')[1]
    assert " ".join(event.evidence[0].sentence.split())[:40] in evidence.replace("&#34;", '"')
    assert f'href="/articles/{event.evidence[0].article_id}"' in evidence


# -- articles ---------------------------------------------------------------------------------


def test_web_article_page_shows_metadata_body_story_and_copies(
    client: TestClient, demo_store: Store
) -> None:
    copy = next(a for a in demo_store.iter_articles() if a.duplicate_of)
    html = get(client, f"/articles/{copy.duplicate_of}")
    assert 'id="copies"' in html and f'href="/articles/{copy.id}"' in html
    original = demo_store.get_article(str(copy.duplicate_of))
    assert original is not None
    assert str(original.outlet) in html and '<article class="body">' in html
    if original.story_id:
        assert f'href="/stories/{original.story_id}"' in html
    assert "copy of" in get(client, f"/articles/{copy.id}")


def test_web_articles_list_paginates(client: TestClient, demo_store: Store) -> None:
    html = get(client, "/articles")
    assert html.count('href="/articles/') >= 20
    pages = Pager(1, demo_store.count_articles()).pages
    get(client, f"/articles?page={pages}")
    get(client, f"/articles?page={pages + 1}", status=404)


def test_web_hostile_article_renders_as_escaped_text(client: TestClient, hostile_id: str) -> None:
    html = get(client, f"/articles/{hostile_id}")
    assert html.count(ESCAPED_SCRIPT) >= 3, "title, body, quote"
    assert ESCAPED_IMG in html
    assert_no_injected_markup(html)


def test_web_pages_quoting_the_hostile_article_escape_it(
    client: TestClient, demo_store: Store, hostile_id: str
) -> None:
    article = demo_store.get_article(hostile_id)
    assert article is not None and article.story_id
    pages = [
        f"/stories/{article.story_id}",
        "/stories?page=2",
        "/articles?page=3",
        "/actors/Elena Moravec",
    ]
    seen = 0
    for url in pages:
        html = get(client, url)
        assert_no_injected_markup(html)
        seen += ESCAPED_SCRIPT in html
    assert seen >= 2, "the story page and the quoting actor page show the text, escaped"


# -- errors, headers, static ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["/stories/nope", "/threads/nope", "/actors/nobody-at-all", "/events/nope", "/articles/nope"],
)
def test_web_unknown_ids_are_404_pages(client: TestClient, url: str) -> None:
    html = get(client, url, status=404)
    assert "<h1>404 · No " in html and 'href="/stories"' in html
    assert "Traceback" not in html


def test_web_404_page_escapes_the_requested_id(client: TestClient) -> None:
    html = get(client, f"/actors/{IMG}", status=404)
    assert ESCAPED_IMG in html
    assert_no_injected_markup(html)


def test_web_pages_send_security_headers(client: TestClient) -> None:
    response = client.get("/stories")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_web_static_files_are_served_and_nothing_comes_from_a_cdn(client: TestClient) -> None:
    css = client.get("/static/newslens.css")
    js = client.get("/static/vendor/htmx.min.js")
    assert css.status_code == js.status_code == 200
    assert "htmx" in js.text[:200]
    readme = (STATIC_DIR / "vendor" / "README.md").read_text(encoding="utf-8")
    assert "2.0.11" in readme and "0BSD" in readme
    html = get(client, "/stories")
    assert not re.search(r'(src|href)="(https?:)?//', html), "no asset from another origin"


# -- helpers ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        ("the [sanctions] stay", "the <mark>sanctions</mark> stay"),
        ("<b>[x]</b>", "&lt;b&gt;<mark>x</mark>&lt;/b&gt;"),
        (f"[{SCRIPT}]", f"<mark>{ESCAPED_SCRIPT}</mark>"),
        ("a [b [c] d", "a [b <mark>c</mark> d"),
        ('say "[hi]"', "say &#34;<mark>hi</mark>&#34;"),
    ],
)
def test_web_highlight_keeps_only_mark_tags(snippet: str, expected: str) -> None:
    assert str(highlight(snippet)) == expected


@pytest.mark.parametrize(
    ("page", "total", "numbers"),
    [
        (1, 0, [1]),
        (1, 45, [1, 2, 3]),
        (6, 400, [1, None, 4, 5, 6, 7, 8, None, 20]),
        (20, 400, [1, None, 18, 19, 20]),
    ],
)
def test_web_pager_numbers(page: int, total: int, numbers: list[int | None]) -> None:
    assert Pager(page, total).numbers() == numbers


@pytest.mark.parametrize(
    ("value", "number"), [(None, 1), ("", 1), ("3", 3), ("0", None), ("x", None), ("-2", None)]
)
def test_web_parse_page(value: str | None, number: int | None) -> None:
    assert parse_page(value) == number


# -- PostgreSQL -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pg_client(
    postgres_server: str,
    tmp_path_factory: pytest.TempPathFactory,
    demo_builder: Callable[[str, Path], Store],
    app_factory: Callable[[Store, str], FastAPI],
) -> Iterator[tuple[TestClient, Store]]:
    """A few pages on PostgreSQL: a fresh schema with the demo corpus and the hostile article."""
    import uuid

    import sqlalchemy as sa

    schema = f"nlweb_{uuid.uuid4().hex[:12]}"
    engine = sa.create_engine(postgres_server)
    with engine.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = f"{postgres_server}?options=-csearch_path%3D{schema}"
    store = demo_builder(url, Path(tmp_path_factory.mktemp("pgweb")))
    try:
        with TestClient(app_factory(store, url)) as test_client:
            yield test_client, store
    finally:
        store.close()
        with engine.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


@pytest.mark.postgres
def test_web_pages_on_postgresql(pg_client: tuple[TestClient, Store]) -> None:
    client, store = pg_client
    assert "<mark>" in get(client, "/search?q=sanctions")
    assert "Port Seren statement" in get(client, "/stories")
    story = max(store.iter_stories(), key=lambda s: len(s.article_ids))
    assert CITATION.search(get(client, f"/stories/{story.id}"))
    assert "<h1>Kestria</h1>" in get(client, "/actors/Kestria")
    assert 'aria-label="Relation score by month"' in get(client, "/dyads/Kestria/Norvadia")
    get(client, "/stories?page=99", status=404)
    hostile = next(a for a in store.iter_articles() if a.title and SCRIPT in a.title)
    html = get(client, f"/articles/{hostile.id}")
    assert ESCAPED_SCRIPT in html
    assert_no_injected_markup(html)
    assert_no_injected_markup(get(client, "/search?q=lantern"))


def test_web_unknown_path_gets_the_html_error_page(client: TestClient) -> None:
    pytest.importorskip("newslens.api.app", reason="the API's app factory installs the handler")
    html = get(client, "/no-such-page", status=404)
    assert "<h1>404" in html and "Traceback" not in html


def test_web_store_browse_queries(demo_store: Store) -> None:
    assert demo_store.count_stories() == len(list(demo_store.iter_stories()))
    assert demo_store.count_actors() == len(list(demo_store.iter_actors()))
    thread = demo_store.threads()[0]
    assert demo_store.count_stories(thread.id) == len(thread.story_ids)
    top, events = demo_store.counterparts("state:XKS")[0]
    assert top == "state:XNV" and events >= 3
    assert demo_store.counterparts("nobody") == []
    event = next(demo_store.iter_events())
    assert demo_store.get_event(event.id) == event
    assert demo_store.get_event("' OR 1=1 --") is None
