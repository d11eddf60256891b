"""The cleaning stage contract: picklable, deterministic, empty batches, refused inputs."""

from __future__ import annotations

import pickle

import pytest

from newslens.clean import Cleaner, clean_documents
from newslens.records import RawDocument, Reason

BODY = (
    "The harbour authority said on Thursday that the new ferry line would open in May.\n\n"
    "Officials expect the first crossing to sell out within hours."
)


def _doc(content: str = BODY, name: str = "a.txt", **fields: str) -> RawDocument:
    return RawDocument(source_path=name, content=content, **fields)


def test_cleaner_init_is_light() -> None:
    stage = Cleaner(detect_language=False)
    assert stage._registry is None and stage._identifier is None


def test_cleaner_empty_batch() -> None:
    result = Cleaner()([])
    assert result.outputs == () and result.dropped == ()


def test_cleaner_pickles_after_setup_and_gives_same_result() -> None:
    stage = Cleaner()
    stage.setup()
    copy = pickle.loads(pickle.dumps(stage))
    assert copy([_doc()]) == stage([_doc()])


def test_cleaner_deterministic() -> None:
    batch = [_doc(name=f"{i}.txt") for i in range(3)]
    assert clean_documents(batch) == clean_documents(batch)


def test_cleaner_id_stable_on_reingest() -> None:
    first = clean_documents([_doc(url="https://example.org/a")]).outputs[0]
    second = clean_documents([_doc(url="https://example.org/a"), _doc(name="b.txt")]).outputs[0]
    assert first.id == second.id and first.body_hash == second.body_hash


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("", Reason.EMPTY),
        ("  \n\t \n", Reason.EMPTY),
        ("Share this article\n\nADVERTISEMENT\n\nComments", Reason.NO_ARTICLE),
    ],
)
def test_cleaner_refuses_with_reason(content: str, reason: Reason) -> None:
    result = clean_documents([_doc(content)])
    assert result.outputs == ()
    assert [r.reason for r in result.dropped] == [reason]
    assert result.dropped[0].source_path == "a.txt" and result.dropped[0].detail


def test_cleaner_batch_repetition_removes_shared_label() -> None:
    label = "Harbour Network Morning Briefing"
    docs = [_doc(f"{label}\n\n{BODY}", name=f"{i}.txt", outlet=f"Outlet {i}") for i in range(3)]
    for article in clean_documents(docs).outputs:
        assert label in article.removed_lines and article.title is None


def test_cleaner_repetition_needs_different_sources() -> None:
    label = "Harbour Network Morning Briefing"
    docs = [_doc(f"{label}\n\n{BODY}", name=f"{i}.txt", outlet="Same Outlet") for i in range(3)]
    assert all(a.title == label for a in clean_documents(docs).outputs)


def test_cleaner_body_paragraphs_and_hard_wraps() -> None:
    text = (
        "The harbour authority said on Thursday that the new ferry line\n"
        "would open in May.\nOfficials expect the first crossing to sell out."
    )
    article = clean_documents([_doc(text)]).outputs[0]
    assert article.body == (
        "The harbour authority said on Thursday that the new ferry line would open in May.\n\n"
        "Officials expect the first crossing to sell out."
    )


def test_cleaner_html_input_merges_page_metadata() -> None:
    pytest.importorskip("newslens.clean.html", reason="the HTML extractor is not available")
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY.split("\n\n"))
    page = (
        "<html lang='en'><head><title>Ferry line to open | Harbour Gazette</title>"
        "<meta property='og:site_name' content='Harbour Gazette'></head><body><article>"
        f"<h1>Ferry line to open</h1>{paragraphs}<p>Advertisement</p></article></body></html>"
    )
    doc = _doc(page, name="a.html", content_type="html", input_format="html", author="Jane Roe")
    article = clean_documents([doc]).outputs[0]
    assert article.title == "Ferry line to open"
    assert article.outlet == "Harbour Gazette"
    assert article.author == "Jane Roe"
    assert "Advertisement" not in article.body
    assert "sell out within hours." in article.body
