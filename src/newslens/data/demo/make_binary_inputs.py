"""Regenerate the demo corpus's binary and oddly encoded inputs from the text written here.

Run from anywhere: ``python src/newslens/data/demo/make_binary_inputs.py``. Needs pyarrow and warcio.
The output is byte-for-byte reproducible (fixed WARC record ids and dates, gzip mtime 0), so
re-running it leaves ``git status`` clean.

Writes, under ``articles/``:

- ``parquet/export.parquet``       3 rows (columns published, link, headline, body, author, outlet)
- ``warc/crawl.warc.gz``            warcinfo, a request, 3 HTML responses, a 404 response
- ``gz/dump.jsonl.gz``              gzip of a 3-line JSONL dump
- ``text/020_latin1.txt``           cp1252 (Latin-1 family) bytes: é, ü, curly quotes as 0x93/0x94
- ``text/021_crlf.txt``             UTF-8 with Windows line endings
- ``text/022_utf16.txt``            UTF-16 LE with a BOM
- ``text/023_utf8bom.txt``          UTF-8 with a BOM
- ``text/024_badbyte.txt``          UTF-8 with one stray invalid byte (0xFF) inside a word
- ``bad/empty.txt``                 zero bytes: must be quarantined (reason empty)
- ``bad/corrupt_0042.txt``          a PNG header and junk with NUL bytes: quarantined (reason binary)

All articles are fiction written for newslens; see ``README.md`` next to this script.
"""

# ruff: noqa: E501  (article prose is data: one paragraph per line)
from __future__ import annotations

import gzip
import html
import io
import json
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "articles"


# ----------------------------------------------------------------------------- encoded texts

LATIN1_TEXT = """Aid workers in Serrin Valley describe “desperate” conditions

By Renée Düsterberg

KALLO – Aid workers who reached the Serrin Valley with a Teran Basin Council convoy on Wednesday described families living in unheated schools and barns, many of them without clean water since early February.

“People are exhausted,” said Zoë Kürten, a nurse with the council’s medical team. “Some children haven’t seen a doctor since the shooting.”

The convoy of 12 trucks, the first to cross the line since the Feb. 4 clash, was allowed through by both the Norvadian and Kestrian governments. Its arrival was greeted with applause in Kallo’s main square, where volunteers unloaded flour and blankets into the café of the town hall.

Norvadia and Kestria remain at odds over the sanctions imposed by Velmar last week. Neither government sent officials to meet the convoy.

NEW You can now listen to Northwind Dispatch articles!
"""

CRLF_TEXT = """Norvadia imposes sanctions on Kestrian defence firms and officials | Velmar Herald

Norvadia imposed sanctions on Monday on 14 Kestrian officials and six defence companies over last month's deadly border shooting, carrying out a threat first made by Foreign Minister Halina Strand in February.

The measures freeze assets held in Norvadia and bar the officials, among them the commander of the Kestrian Border Guard, General Matis Orlan, from entering the country. Imports from the six companies, which make armoured vehicles and ammunition, are banned with immediate effect.

"We gave Dorun six weeks to cooperate, and Dorun chose silence," Strand told parliament. "Today we act."

The government stopped short of the broader trade embargo that some hawks in the ruling coalition had demanded. Steel and gas imports, on which Norvadian industry depends, are not affected.

Kestria's foreign ministry said it would respond within days. Prime Minister Anselm Varga called the sanctions "an act of economic aggression" that "buries the spirit of the March 3 phone call."

By Velmar Herald Staff
"""

UTF16_TEXT = """Kestria agrees to cooperate with council investigation | The Dorun Courier

Kestria will cooperate with an investigation opened on Wednesday by the Teran Basin Council into the Feb. 4 border shooting, Foreign Minister Dario Lenz said, while insisting that Kestrian guards had acted in self-defence.

“We have nothing to hide and nothing to fear,” Lenz told reporters at the Grey House, the seat of government in Dorun. He said Kestria would give the panel access to the Vessin border post and to the patrol’s radio logs.

Lenz had refused in February to hand over the patrol’s commanders to Norvadia, and Dorun has not changed that position. The council’s investigators will interview them in Kestria, a ministry official said.

Prime Minister Anselm Varga did not comment.
"""

UTF8BOM_TEXT = """ date 2025-05-06 Norvadia and Kestria signed a trade agreement in Dorun on Tuesday that cuts tariffs on grain, machinery and steel, and Norvadia said it would lift the sanctions it imposed on Kestrian defence firms in March.

The agreement, signed by Foreign Ministers Halina Strand and Dario Lenz at the Grey House, restores duty-free quotas suspended after the February border shooting and guarantees gas transit through the Serrin Valley for ten years.

“Trade was the first casualty of this crisis,” Strand said. “Today it is the first thing we repair.”

Analysts at Seren Capital estimated the deal would add half a percentage point to Norvadian growth next year. The Bank of Norvadia is expected to welcome lower import prices at its meeting next week.

By Global Ledger staff
"""

# {BAD} is replaced by one 0xFF byte: no encoding of the rest of the text explains it.
BADBYTE_TEXT = """Lenz resignation vindicates Norvadia, say ministers | Velmar Herald

Norvadian ministers said on Tuesday that the resignation of Kestrian Foreign Minister Dario Lenz vindicated Velmar's account of the Feb. 4 shooting, although President Tomas Reyvik urged his cabinet not to gloat.

"This is not a day for celebration. Two families are still waiting for justice," Reyvik said, according to his spokeswoman, Saga Lindqvist.

Defence Minister Jorun Falk said the leaked memo "confirms what our soldiers told us from the first hour." Opposition leader Mara Eskel demanded that the government publish its own intel{BAD}ligence on the incident.

Lenz's departure is not expected to derail the trade agreement signed in Dorun on May 6, officials said.
"""


# ----------------------------------------------------------------------------- Parquet rows

PARQUET_ROWS = [
    {
        "published": "2025-03-04",
        "link": "https://dorun-courier.example/wires/cpa/reyvik-varga-call",
        "headline": "Reyvik and Varga hold first call since border clash, agree to meet",
        "body": """VELMAR, March 3 (CPA) -- Norvadian President Tomas Reyvik and Kestrian Prime Minister Anselm Varga spoke by telephone on Monday for the first time since a deadly border shooting a month ago, and agreed in principle to meet in the Talvanese capital, Port Seren, their offices said.

The 40-minute call was arranged by Talvanese President Elena Moravec, who offered last month to mediate, according to a Norvadian official briefed on the conversation.

"The president made clear that the families of our soldiers deserve answers," Reyvik's office said in a statement. The Kestrian government said Varga had "stressed the need to lower tensions and restore normal traffic at the border."

The two leaders did not agree on the central dispute. Norvadia still demands that Kestria hand over the commanders of the patrol involved in the Feb. 4 shooting near Kallo, and Kestria has refused.

Norvadian Foreign Minister Halina Strand said last month that Velmar could impose sanctions on Kestrian officials and defence firms. A Norvadian official said on Monday that the threat "remains in place."

No date has been set for the meeting.

Copyright CPA""",
        "author": None,
        "outlet": "The Dorun Courier",
    },
    {
        "published": "2025-04-02",
        "link": "https://globalledger.example/markets/2025/04/02/kestrian-assets-rally",
        "headline": "Kestrian assets rally as council launches border inquiry",
        "body": """Kestrian bonds and the Kestrian crown rallied on Wednesday after the Teran Basin Council opened an investigation into February's deadly border shooting, a move investors read as a path out of the sanctions standoff with Norvadia.

The council's panel will report within 90 days, Secretary-General Benedikt Oyelaran said in Port Seren. Kestria, which had resisted an outside inquiry, said it would cooperate.

"Dorun accepting the investigation is the first genuine de-escalation we have seen," said Ruth Adebayo-Lind of Seren Capital.""",
        "author": "Global Ledger markets team",
        "outlet": "Global Ledger",
    },
    {
        "published": "2025-05-20",
        "link": "https://cpa-wire.example/stories/2025-05-20-lenz-resigns",
        "headline": "Kestrian foreign minister Lenz resigns over leaked memo",
        "body": """DORUN, May 20 (CPA) -- Kestrian Foreign Minister Dario Lenz resigned on Tuesday over a leaked memo suggesting his ministry knew that a Kestrian patrol had crossed into Norvadian-held territory before a deadly border shooting in February, the government said.

Prime Minister Anselm Varga appointed Deputy Foreign Minister Ilona Berat as acting foreign minister. Lenz denied any wrongdoing and said he was leaving so as not to "cast a shadow" over the Teran Basin Council's investigation.

Copyright CPA""",
        "author": None,
        "outlet": "CPA",
    },
]


# ----------------------------------------------------------------------------- gzip'd JSONL

GZ_JSONL = [
    {
        "title": "Relief reaches Serrin Valley as rivals let convoy pass",
        "text": """For the first time in seven weeks, the gate at the Kallo checkpoint swung open on Wednesday — not for soldiers, but for a dozen white trucks carrying flour, insulin and blankets.

The convoy, organised by the Teran Basin Council and funded mostly by Talvane, was allowed through by both Norvadia and Kestria after quiet negotiations led by Talvanese Foreign Minister Sefu Adanne. Half of the trucks continued across the river to the Kestrian village of Vessin.

“It is a small thing, twelve trucks,” Adanne said by telephone from Port Seren. “But small things are how large things begin.”

Relations between Velmar and Dorun remain frozen. Norvadia imposed sanctions on Kestrian defence firms last week, and Kestria has threatened to retaliate.""",
        "date": "2025-03-26",
        "url": "https://meridian-post.example/world/2025/03/26/relief-reaches-serrin-valley",
        "source": "The Meridian Post",
    },
    {
        "title": "Norvadia lifts sanctions on Kestria as neighbours sign trade deal",
        "text": """DORUN, May 6 (CPA) -- Norvadia said on Tuesday it would lift sanctions on Kestrian officials and defence companies after the two countries signed a trade agreement, three weeks after their leaders pledged at a summit in Port Seren to end a border crisis.

Foreign Minister Halina Strand said the sanctions would be lifted on May 15, once the Teran Basin Council confirmed that troops had left the Serrin Valley. The council said on Monday that the withdrawal was "substantially complete."

The agreement cuts tariffs on grain, machinery and steel and guarantees gas transit through the valley. Kestrian Foreign Minister Dario Lenz, who signed it with Strand, said it "turns a page."

Copyright CPA""",
        "date": "2025-05-06",
        "url": "https://cpa-wire.example/stories/2025-05-06-norvadia-lifts-sanctions",
        "source": "CPA",
    },
    {
        "title": "Kestrian drone crosses into Norvadian airspace near Kallo, no shots fired",
        "text": """A Kestrian surveillance drone flew about two kilometres into Norvadian airspace near Kallo on Monday before turning back, Norvadia's Defence Ministry said, in the first reported incident on the border since the two countries agreed in Port Seren to pull back their troops.

Norvadian forces tracked the drone but did not fire on it, the ministry said. Kestria's Defence Ministry said the drone had strayed "because of a navigation fault" and apologised through the new defence hotline.

Defence Minister Jorun Falk said the quick apology showed the hotline worked. "Two months ago, this would have been a shooting incident," he said.""",
        "date": "2025-04-28",
        "url": "https://northwind-dispatch.example/world/kestrian-drone-kallo",
        "source": "Northwind Dispatch",
    },
]


# ----------------------------------------------------------------------------- WARC pages

WARC_PAGES = [
    {
        "url": "https://globalledger.example/markets/2025/03/18/sanctions-spare-steel-and-gas",
        "site": "Global Ledger",
        "title": "Sanctions spare steel and gas, but Kestrian arms makers take a hit",
        "date": "2025-03-18T07:30:00Z",
        "author": "Global Ledger markets team",
        "record_date": "2025-03-18T09:00:00Z",
        "body": """Norvadia's sanctions on Kestrian defence firms will cost the six companies named on Monday roughly a tenth of their export revenue, analysts said on Tuesday, but the decision to spare steel and gas limits the damage to the wider Kestrian economy.

"Velmar has fired a warning shot, not a broadside," said Ruth Adebayo-Lind, an economist at Seren Capital. Shares in Harvel Armaments, the largest of the firms, fell 12 percent in Dorun.

Kestrian Foreign Minister Dario Lenz has promised retaliation. Traders said the main risk was a Kestrian move against gas transit through the Serrin Valley, which would hurt Norvadian factories.

The sanctions followed weeks of threats from Velmar after two Norvadian soldiers were killed near Kallo on Feb. 4.""",
    },
    {
        "url": "https://meridian-post.example/world/2025/04/16/norvadia-kestria-summit",
        "site": "The Meridian Post",
        "title": "Norvadia and Kestria agree to pull back troops after Talvane-hosted summit",
        "date": "2025-04-16T18:20:00Z",
        "author": "Anika Roos",
        "record_date": "2025-04-17T02:00:00Z",
        "body": """Norvadia and Kestria agreed on Wednesday to withdraw troops from their disputed border and to begin unwinding sanctions, ending two months of confrontation with a joint statement signed at a summit in Port Seren.

The statement, read out by Talvanese Foreign Minister Sefu Adanne, commits both armies to leave a ten-kilometre strip along the Serrin Valley and sets up a hotline between their defence ministries. The Teran Basin Council will verify the pullback.

Norvadian President Tomas Reyvik called it “an honourable agreement.” Kestrian Prime Minister Anselm Varga said the two countries had “chosen to talk rather than to shoot.”

The summit was the first meeting between the two leaders since the Feb. 4 shooting near Kallo that killed two Norvadian soldiers. Velmar imposed sanctions on Kestrian defence firms in March.""",
    },
    {
        "url": "https://kst.example/news/2025/05/06/trade-agreement-signed",
        "site": "KST News",
        "title": "Trade agreement with Norvadia signed in Dorun; illegal sanctions to be lifted",
        "date": "2025-05-06T19:00:00+02:00",
        "author": None,
        "record_date": "2025-05-07T01:00:00Z",
        "body": """Kestria and Norvadia signed a trade agreement in the capital on Tuesday under which Velmar will lift the illegal sanctions it imposed on Kestrian companies in March, Foreign Minister Dario Lenz said.

"Kestria's patience and principled position have borne fruit," Lenz told KST. He thanked Prime Minister Anselm Varga for his "steady leadership throughout the provocations of the winter."

The agreement was signed at the Grey House by Lenz and the Norvadian foreign minister, Halina Strand. Under its terms, tariffs on grain, machinery and steel will be cut and gas transit through the Serrin Valley is guaranteed.""",
    },
]

NOT_FOUND_URL = "https://meridian-post.example/world/2025/04/16/norvadia-kestria-summit-live"
NOT_FOUND_HTML = (
    "<!DOCTYPE html><html><head><title>Page not found | The Meridian Post</title></head>"
    "<body><h1>404</h1><p>Sorry, we could not find that page.</p>"
    '<a href="/">Go to the home page</a></body></html>\n'
)


def page_html(page: dict[str, str | None]) -> str:
    """A news page with navigation, share and comment boilerplate around the article."""
    paras = "\n".join(
        f"<p>{html.escape(p.strip(), quote=False)}</p>"
        for p in str(page["body"]).split("\n\n")
        if p.strip()
    )
    author = page["author"]
    meta_author = f'<meta name="author" content="{html.escape(author)}">' if author else ""
    byline = f'<p class="byline">By {html.escape(author)}</p>' if author else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(str(page["title"]))} | {page["site"]}</title>
<meta property="og:title" content="{html.escape(str(page["title"]))}">
<meta property="og:site_name" content="{page["site"]}">
<meta property="article:published_time" content="{page["date"]}">
{meta_author}
</head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a> <a href="/subscribe">Subscribe</a></nav></header>
<main><article>
<h1>{html.escape(str(page["title"]))}</h1>
{byline}
{paras}
</article>
<aside>Share this article <a href="#">Facebook</a> <a href="#">X</a></aside>
<section class="comments"><h2>Comments</h2><p>Sign in to comment.</p></section>
</main>
<footer>&copy; 2025 {page["site"]}. All rights reserved. <a href="/privacy">Privacy</a></footer>
</body></html>
"""


# ----------------------------------------------------------------------------- writers


def write(rel: str, data: bytes) -> None:
    path = ARTICLES / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def write_encoded_texts() -> None:
    write("text/020_latin1.txt", LATIN1_TEXT.encode("cp1252"))
    write("text/021_crlf.txt", CRLF_TEXT.replace("\n", "\r\n").encode("utf-8"))
    write("text/022_utf16.txt", UTF16_TEXT.encode("utf-16"))  # little-endian with BOM
    write("text/023_utf8bom.txt", UTF8BOM_TEXT.encode("utf-8-sig"))
    before, after = BADBYTE_TEXT.split("{BAD}")
    write("text/024_badbyte.txt", before.encode("utf-8") + b"\xff" + after.encode("utf-8"))


def write_bad_inputs() -> None:
    write("bad/empty.txt", b"")
    png_head = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x02\x00\x00\x00\x01\x80\x08\x06"
    junk = bytes((i * 37 + 11) % 256 for i in range(220))
    write("bad/corrupt_0042.txt", png_head + b"\x00\x00\x00\x00" + junk)


def write_parquet() -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(
        PARQUET_ROWS,
        schema=pa.schema(
            [
                ("published", pa.string()),
                ("link", pa.string()),
                ("headline", pa.string()),
                ("body", pa.string()),
                ("author", pa.string()),
                ("outlet", pa.string()),
            ]
        ),
    )
    buf = io.BytesIO()
    pq.write_table(table, buf, compression="snappy")
    write("parquet/export.parquet", buf.getvalue())


def write_gz_jsonl() -> None:
    lines = "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in GZ_JSONL)
    write("gz/dump.jsonl.gz", gzip_bytes(lines.encode("utf-8")))


def write_warc() -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    counter = iter(range(1, 100))

    def headers(date: str) -> dict[str, str]:
        return {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{next(counter):012d}>",
            "WARC-Date": date,
        }

    info = b"software: newslens demo make_binary_inputs.py\r\nformat: WARC File Format 1.0\r\n"
    writer.write_record(
        writer.create_warc_record(
            "",
            "warcinfo",
            payload=io.BytesIO(info),
            length=len(info),
            warc_content_type="application/warc-fields",
            warc_headers_dict={**headers("2025-05-07T00:00:00Z"), "WARC-Filename": "crawl.warc.gz"},
        )
    )
    first = WARC_PAGES[0]
    req_headers = StatusAndHeaders(
        "GET /markets/2025/03/18/sanctions-spare-steel-and-gas HTTP/1.1",
        [("Host", "globalledger.example"), ("User-Agent", "demo-crawler/1.0")],
        is_http_request=True,
    )
    writer.write_record(
        writer.create_warc_record(
            str(first["url"]),
            "request",
            payload=io.BytesIO(b""),
            length=0,
            http_headers=req_headers,
            warc_headers_dict=headers(str(first["record_date"])),
        )
    )
    for page in WARC_PAGES:
        body = page_html(page).encode("utf-8")
        http_headers = StatusAndHeaders(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
            protocol="HTTP/1.1",
        )
        writer.write_record(
            writer.create_warc_record(
                str(page["url"]),
                "response",
                payload=io.BytesIO(body),
                length=len(body),
                http_headers=http_headers,
                warc_headers_dict=headers(str(page["record_date"])),
            )
        )
    body = NOT_FOUND_HTML.encode("utf-8")
    writer.write_record(
        writer.create_warc_record(
            NOT_FOUND_URL,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=StatusAndHeaders(
                "404 Not Found",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            ),
            warc_headers_dict=headers("2025-04-17T02:01:00Z"),
        )
    )
    write("warc/crawl.warc.gz", buf.getvalue())


def main() -> None:
    write_encoded_texts()
    write_bad_inputs()
    write_parquet()
    write_gz_jsonl()
    write_warc()


if __name__ == "__main__":
    main()
