"""RSS and Atom feeds: one document per entry."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from newslens.records import RawDocument, Reason, Rejected

Read = Callable[..., list[RawDocument | Rejected]]

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Harbour Gazette</title><link>https://gazette.example/</link><language>en-gb</language>
  <item>
    <title>Ferry strike ends</title>
    <link>https://gazette.example/ferry</link>
    <pubDate>Tue, 07 Jun 2022 09:30:00 GMT</pubDate>
    <dc:creator>A. Reporter</dc:creator>
    <guid>ferry-1</guid>
    <content:encoded><![CDATA[<p>The ferry strike ended on Tuesday.</p><p>Crews return.</p>]]>
    </content:encoded>
  </item>
  <item>
    <title>Tide tables</title>
    <link>https://gazette.example/tides</link>
    <description>Plain summary of the tides.</description>
  </item>
  <item><title>Empty one</title><link>https://gazette.example/empty</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Valley Times</title>
  <entry>
    <title>Bridge opens</title>
    <link href="https://valley.example/bridge"/>
    <id>urn:uuid:1</id>
    <updated>2022-06-08T12:00:00Z</updated>
    <published>2022-06-08T08:00:00Z</published>
    <author><name>B. Writer</name></author>
    <content type="html">&lt;p&gt;The bridge opened to traffic.&lt;/p&gt;</content>
  </entry>
</feed>
"""


@pytest.mark.parametrize("name", ["feed.rss", "feed.xml", "feed"])
def test_rss_reader_yields_each_entry(read: Read, name: str) -> None:
    first, second, third = read(name, RSS)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source_path == f"{name}#1" and first.input_format == "rss"
    assert first.content_type == "html" and "<p>The ferry strike ended" in first.content
    assert (first.title, first.url, first.author) == (
        "Ferry strike ends",
        "https://gazette.example/ferry",
        "A. Reporter",
    )
    assert first.published == "Tue, 07 Jun 2022 09:30:00 GMT"
    assert (first.outlet, first.language) == ("Harbour Gazette", "en-gb")
    assert second.content_type == "text" and second.content == "Plain summary of the tides."
    assert isinstance(third, Rejected) and third.reason is Reason.EMPTY
    assert third.source_path == f"{name}#3"


def test_atom_reader_yields_each_entry(read: Read) -> None:
    (doc,) = read("feed.atom", ATOM)
    assert isinstance(doc, RawDocument)
    assert doc.content_type == "html" and doc.content == "<p>The bridge opened to traffic.</p>"
    assert (doc.title, doc.url, doc.published, doc.author, doc.outlet) == (
        "Bridge opens",
        "https://valley.example/bridge",
        "2022-06-08T08:00:00Z",
        "B. Writer",
        "Valley Times",
    )


def test_rss_reader_refuses_a_broken_feed(read: Read) -> None:
    (item,) = read("broken.rss", "<rss><channel><title>x</title></chan")
    assert isinstance(item, Rejected)
    assert item.reason in (Reason.MALFORMED_FILE, Reason.NO_ARTICLE)
    assert item.detail.startswith("broken.rss")


@pytest.mark.parametrize(
    ("author", "expected"),
    [
        ("desk@gazette.example (Harbour Desk)", "Harbour Desk"),
        ("news@paper.com (Jane Roe)", "Jane Roe"),
        ("Jane Roe", "Jane Roe"),
        ("desk@gazette.example", None),
    ],
)
def test_rss_reader_reads_email_name_authors(read: Read, author: str, expected: str | None) -> None:
    feed = RSS.replace("<dc:creator>A. Reporter</dc:creator>", f"<author>{author}</author>")
    first = read("feed.rss", feed.encode())[0]
    assert isinstance(first, RawDocument)
    assert first.author == expected
