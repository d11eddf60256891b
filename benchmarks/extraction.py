"""HTML extraction quality and ingest throughput, ours and the peer's side by side.

Run from the repository root::

    .venv/bin/python benchmarks/extraction.py [--data DIR] [--corpus DIR] [--limit N]

Part 1 scores our HTML path (``newslens.clean.html.extract_html``) and plain
``trafilatura.extract(html)`` on the article-extraction benchmark with that benchmark's shingle
metric (``newslens.clean.html_eval``), in the same process and run, and prints mean precision,
recall, F1, documents per second and the ratio ours / trafilatura.

Part 2 writes the news-2022 corpus and the benchmark pages as every input format we read (CSV,
JSONL, JSON, Parquet, text files, HTML files, RSS, WARC.gz, gzip) into a temporary directory and
times each registered reader over them. Part 3 times the cleaning stage over the corpus rows and
the benchmark pages. A part whose modules are not importable prints "not available yet".
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_DATA = SHARED / "benchmarks" / "article-extraction"
DEFAULT_CORPUS = SHARED / "corpora" / "news-2022"

csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, HTML, gold body and URL."""

    id: str
    html: str
    gold: str
    url: str | None


@dataclass(frozen=True)
class Row:
    """One corpus article as the corpus CSVs give it."""

    outlet: str
    date: str
    url: str
    title: str
    text: str


# --------------------------------------------------------------------------- loading


def load_pages(data: Path, limit: int | None) -> list[Page]:
    """The benchmark pages that have a gold body, in a stable order."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit]:
        with gzip.open(data / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as stream:
            html = stream.read()
        pages.append(Page(key, html, truth[key].get("articleBody", ""), truth[key].get("url")))
    return pages


def load_rows(corpus: Path, limit: int | None) -> list[Row]:
    """Rows of every corpus CSV, reading Date/URL/Title/Text whatever the column order."""
    rows: list[Row] = []
    for path in sorted(corpus.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as stream:
            for record in csv.DictReader(stream):
                fields = {(k or "").strip().lower(): (v or "") for k, v in record.items()}
                if fields.get("text", "").strip():
                    rows.append(
                        Row(
                            path.stem,
                            fields.get("date", ""),
                            fields.get("url", ""),
                            fields.get("title", ""),
                            fields.get("text", ""),
                        )
                    )
    return rows[:limit] if limit else rows


# --------------------------------------------------------------------------- part 1


def _whole_path(pages: list[Page]) -> tuple[Callable[[], list[str]], Callable[[], object]]:
    """Our HTML path as users get it: the cleaning stage on HTML raw documents.

    Returns a runner giving one body per page (``""`` for a page the stage refused) and a getter
    for the last :class:`StageResult`, used to explain a loss against ``extract_html`` alone.
    """
    from newslens.clean import Cleaner
    from newslens.records import RawDocument

    cleaner = Cleaner()
    cleaner.setup()
    docs = [
        RawDocument(
            source_path=page.id,
            content=page.html,
            content_type="html",
            input_format="html",
            url=page.url,
        )
        for page in pages
    ]
    last: list[object] = [None]

    def run() -> list[str]:
        bodies: dict[str, str] = {}
        for first in range(0, len(docs), 256):
            result = cleaner(docs[first : first + 256])
            last[0] = result
            bodies.update((article.source_path, article.body) for article in result.outputs)
        return [bodies.get(page.id, "") for page in pages]

    return run, lambda: last[0]


def score_extractors(pages: list[Page], explain: bool = True) -> None:
    """Print precision, recall, F1 and docs/s for our HTML paths and plain trafilatura.

    Three extractors on the same pages in the same run: the cleaning stage (``Cleaner``, what
    ``newslens ingest`` stores: ``extract_html`` plus the text-level boilerplate pass and title
    handling), ``extract_html`` alone, and ``trafilatura.extract(html)`` with its defaults.
    """
    import trafilatura

    from newslens.clean.html import extract_html
    from newslens.clean.html_eval import ExtractionScore, compare_texts, score_corpus

    def plain() -> list[str]:
        return [trafilatura.extract(page.html) or "" for page in pages]

    def ours() -> list[str]:
        return [extract_html(page.html, page.url).body for page in pages]

    whole, last_result = _whole_path(pages)
    runners: dict[str, Callable[[], list[str]]] = {
        "newslens Cleaner": whole,
        "newslens extract_html": ours,
        "trafilatura": plain,
    }
    warm = pages[:1]
    trafilatura.extract(warm[0].html)  # warm-up: first-call costs are not throughput
    extract_html(warm[0].html, warm[0].url)
    results: dict[str, tuple[ExtractionScore, float]] = {}
    predictions: dict[str, list[str]] = {}
    for name, run in runners.items():
        start = time.perf_counter()
        predictions[name] = run()
        elapsed = time.perf_counter() - start
        score = score_corpus(
            (page.gold, pred) for page, pred in zip(pages, predictions[name], strict=True)
        )
        results[name] = (score, len(pages) / elapsed if elapsed else float("inf"))

    print(f"HTML body extraction: {len(pages)} pages, shingle metric (4-grams of \\w+ tokens)")
    print(f"{'extractor':<24}{'precision':>10}{'recall':>10}{'F1':>10}{'docs/s':>10}")
    for name, (score, rate) in results.items():
        print(
            f"{name:<24}{score.precision:>10.4f}{score.recall:>10.4f}{score.f1:>10.4f}{rate:>10.1f}"
        )
    b, b_rate = results["trafilatura"]
    for name in ("newslens Cleaner", "newslens extract_html"):
        a, a_rate = results[name]
        label = f"ratio {name.split()[1]}/traf."
        print(
            f"{label:<24}{a.precision / b.precision:>10.3f}"
            f"{a.recall / b.recall:>10.3f}{a.f1 / b.f1:>10.3f}{a_rate / b_rate:>10.3f}"
        )
    full, alone = results["newslens Cleaner"][0], results["newslens extract_html"][0]
    if explain and full.f1 < alone.f1:
        _explain_loss(pages, predictions, last_result(), compare_texts)


def _explain_loss(
    pages: list[Page],
    predictions: dict[str, list[str]],
    result: object,
    compare: Callable[[str, str], object],
) -> None:
    """Say where the cleaning stage loses against ``extract_html`` alone: pages refused, and
    the lines the text-level pass removed that the gold body holds (repeats counted)."""
    refused = {item.source_path: item.reason for item in getattr(result, "dropped", ())}
    removed = {a.source_path: a.removed_lines for a in getattr(result, "outputs", ())}
    worse = []
    for n, page in enumerate(pages):
        full = compare(page.gold, predictions["newslens Cleaner"][n])
        alone = compare(page.gold, predictions["newslens extract_html"][n])
        lost = getattr(alone, "recall", 0.0) - getattr(full, "recall", 0.0)
        if lost > 1e-9 or page.id in refused:
            in_gold = [line for line in removed.get(page.id, ()) if line in page.gold]
            worse.append((lost, page, in_gold))
    print(
        f"\nCleaner below extract_html alone: {len(refused)} page(s) refused "
        f"({', '.join(sorted({str(r) for r in refused.values()})) or 'none'}), "
        f"{len(worse)} page(s) with lower recall"
    )
    for lost, page, in_gold in sorted(worse, key=lambda item: -item[0])[:10]:
        sample = "; ".join(dict.fromkeys(line[:50] for line in in_gold))
        print(
            f"  {page.id[:12]}  recall -{lost:.3f}  {len(in_gold)} removed line(s) in gold: "
            f"{sample[:110]}"
        )


# --------------------------------------------------------------------------- part 2


def _row_dict(row: Row) -> dict[str, str]:
    return {"date": row.date, "url": row.url, "title": row.title, "text": row.text}


def _write_rss(path: Path, rows: list[Row]) -> None:
    items = []
    for row in rows:
        try:
            stamp = datetime.fromisoformat(row.date[:19]).replace(tzinfo=UTC)
            pub = f"<pubDate>{format_datetime(stamp)}</pubDate>"
        except ValueError:
            pub = ""
        items.append(
            f"<item><title>{escape(row.title)}</title><link>{escape(row.url)}</link>{pub}"
            f"<description>{escape(row.text)}</description></item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>news-2022</title><link>https://example.org/</link>{''.join(items)}"
        "</channel></rss>\n",
        encoding="utf-8",
    )


def _write_warc(path: Path, pages: list[Page]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for page in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                page.url or f"https://example.org/{page.id}",
                "response",
                payload=io.BytesIO(page.html.encode("utf-8")),
                http_headers=headers,
            )
            writer.write_record(record)


def write_inputs(root: Path, rows: list[Row], pages: list[Page]) -> dict[str, list[Path]]:
    """Write the corpus and the pages as each input format; return the paths per format."""
    inputs: dict[str, list[Path]] = {}
    dicts = [_row_dict(row) for row in rows]

    def write_csv(path: Path) -> None:
        with path.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, fieldnames=["date", "url", "title", "text"])
            writer.writeheader()
            writer.writerows(dicts)

    write_csv(root / "corpus.csv")
    inputs["csv"] = [root / "corpus.csv"]
    jsonl = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in dicts)
    (root / "corpus.jsonl").write_text(jsonl, encoding="utf-8")
    inputs["jsonl"] = [root / "corpus.jsonl"]
    (root / "corpus.json").write_text(json.dumps(dicts, ensure_ascii=False), encoding="utf-8")
    inputs["json"] = [root / "corpus.json"]
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.Table.from_pylist(dicts), root / "corpus.parquet")
        inputs["parquet"] = [root / "corpus.parquet"]
    except ImportError as error:
        print(f"parquet input not written: {error}")
    text_dir = root / "text"
    text_dir.mkdir()
    for n, row in enumerate(rows):
        header = f"date {row.date[:10]}\n" if row.date else ""
        (text_dir / f"{n:05d}.txt").write_text(f"{header}{row.title}\n\n{row.text}\n", "utf-8")
    inputs["text"] = [text_dir]
    html_dir = root / "html"
    html_dir.mkdir()
    for page in pages:
        (html_dir / f"{page.id}.html").write_text(page.html, encoding="utf-8")
    inputs["html"] = [html_dir]
    _write_rss(root / "corpus.rss", rows)
    inputs["rss"] = [root / "corpus.rss"]
    _write_warc(root / "pages.warc.gz", pages)
    inputs["warc"] = [root / "pages.warc.gz"]
    gz_dir = root / "gzip"
    gz_dir.mkdir()
    for name in ("corpus.csv", "corpus.jsonl"):
        (gz_dir / f"{name}.gz").write_bytes(gzip.compress((root / name).read_bytes()))
    inputs["gzip"] = [gz_dir]
    return inputs


def _time(label: str, work: Callable[[], Iterable[object]]) -> None:
    start = time.perf_counter()
    documents = rejected = 0
    try:
        for item in work():
            if type(item).__name__ == "Rejected":
                rejected += 1
            else:
                documents += 1
    except Exception as error:  # a benchmark reports a failing part and goes on
        print(f"{label:<22}failed: {type(error).__name__}: {error}")
        traceback.print_exc(limit=2, file=sys.stdout)
        return
    elapsed = time.perf_counter() - start
    rate = documents / elapsed if elapsed else float("inf")
    print(f"{label:<22}{documents:>10}{rejected:>10}{elapsed:>10.2f}{rate:>10.1f}")


def time_readers(rows: list[Row], pages: list[Page]) -> None:
    """Print documents per second for each registered reader over generated inputs."""
    print("\nReaders: generated inputs from news-2022 rows and benchmark pages")
    try:
        from newslens.ingest import read_paths, readers
        from newslens.records import ReadOptions
    except Exception as error:
        print(f"not available yet: {type(error).__name__}: {error}")
        return
    print(f"{'reader':<22}{'docs':>10}{'rejected':>10}{'seconds':>10}{'docs/s':>10}")
    with tempfile.TemporaryDirectory(prefix="newslens-bench-") as tmp:
        inputs = write_inputs(Path(tmp), rows, pages)
        options = ReadOptions()
        for name in readers.names():
            paths = inputs.get(name)
            if paths is None:
                print(f"{name:<22}no generated input for this reader (skipped)")
                continue
            _time(name, lambda p=paths, n=name: read_paths(p, n, options))  # type: ignore[misc]
        # gzip is read by format detection whatever the reader names are
        _time("gzip (auto)", lambda: read_paths(inputs["gzip"], "auto", options))


# --------------------------------------------------------------------------- part 3


def time_cleaning(rows: list[Row], pages: list[Page]) -> None:
    """Print documents per second for the cleaning stage on text rows and HTML pages."""
    print("\nCleaning: newslens.clean.Cleaner")
    try:
        from newslens.clean import Cleaner
        from newslens.records import RawDocument
    except Exception as error:
        print(f"not available yet: {type(error).__name__}: {error}")
        return
    text_docs = [
        RawDocument(
            source_path=f"{row.outlet}.csv#{n}",
            content=row.text,
            input_format="csv",
            url=row.url or None,
            title=row.title or None,
            published=row.date or None,
        )
        for n, row in enumerate(rows)
    ]
    html_docs = [
        RawDocument(
            source_path=f"{page.id}.html",
            content=page.html,
            content_type="html",
            input_format="html",
            url=page.url,
        )
        for page in pages
    ]
    print(f"{'input':<22}{'docs':>10}{'dropped':>10}{'seconds':>10}{'docs/s':>10}")
    try:
        cleaner = Cleaner()
        cleaner.setup()
    except Exception as error:
        print(f"not available yet: {type(error).__name__}: {error}")
        return
    for label, docs in (("corpus text", text_docs), ("benchmark html", html_docs)):
        _time_stage(label, cleaner, docs)


def _time_stage(label: str, stage: Callable[[list[object]], object], docs: list[object]) -> None:
    batch_size = 256
    start = time.perf_counter()
    outputs = dropped = 0
    try:
        for first in range(0, len(docs), batch_size):
            result = stage(docs[first : first + batch_size])
            outputs += len(getattr(result, "outputs", ()))
            dropped += len(getattr(result, "dropped", ()))
    except Exception as error:  # a benchmark reports a failing part and goes on
        print(f"{label:<22}failed: {type(error).__name__}: {error}")
        return
    elapsed = time.perf_counter() - start
    rate = len(docs) / elapsed if elapsed else float("inf")
    print(f"{label:<22}{outputs:>10}{dropped:>10}{elapsed:>10.2f}{rate:>10.1f}")


def main(argv: list[str] | None = None) -> int:
    """Run the three parts and print their tables."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark directory")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="CSV corpus dir")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages and N rows")
    parser.add_argument(
        "--no-explain",
        action="store_true",
        help="do not list the pages where the cleaning stage scores below extract_html alone",
    )
    parser.add_argument(
        "--quality-only", action="store_true", help="part 1 only (no reader or cleaning timing)"
    )
    args = parser.parse_args(argv)
    if not (args.data / "ground-truth.json").exists():
        print(f"no benchmark data in {args.data}: pass --data DIR (with ground-truth.json, html/)")
        return 2
    pages = load_pages(args.data, args.limit)
    score_extractors(pages, explain=not args.no_explain)
    if args.quality_only:
        return 0
    rows = load_rows(args.corpus, args.limit) if args.corpus.exists() else []
    if not rows:
        print(f"\nno corpus rows in {args.corpus}; reader and cleaning figures use pages only")
    time_readers(rows, pages)
    time_cleaning(rows, pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
