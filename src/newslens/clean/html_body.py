"""Turn trafilatura's extracted body tree into paragraphs, and drop the leftovers it lets through.

trafilatura hands back its main content as a small XML tree (``p``, ``head``, ``list``/``item``,
``quote``, ``table``/``row``/``cell``, with ``lb`` line breaks and inline ``hi``/``ref``). We render
that tree ourselves so that each block keeps its kind, which lets a few general, structural rules
remove what an article body does not contain: the page headline repeated as the first block,
"Related: …" / "Read more: …" teasers, newsletter and follow-us prompts, copyright lines, bare
URLs and headings left dangling at the end. None of the rules is keyed to a site.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from lxml import etree

_SPACE = re.compile(r"\s+")
# Children that start a new line when they sit inside another block.
_LINE_BREAKING = frozenset({"lb", "p", "head", "item", "list", "quote", "row", "table", "code"})

# Lines that announce or advertise other content rather than carry the article. Each cue must
# open the block: the same words inside a sentence are body text.
_CUE_LINE = re.compile(
    r"""^(?:
        related(?:\s+(?:posts?|stories|articles|content|reading|coverage))?\s*:
      | (?:read|see)\s+more\b
      | more\s*:$
      | you\s+(?:may|might)\s+(?:also\s+)?like\b
      | also\s+read\b
      | follow\s+(?:us|the|our)\b
      | subscribe\b
      | (?:sign\s+up|get\s+the\s+latest)\b.*\b(?:newsletters?|inbox)\b
      | tell\s+us\s+what\b
      | ©
      | copyright\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
_BARE_URL = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$", re.IGNORECASE)
# A body with no line of running text is a menu or a list of labels, not an article. A line is
# running text when it has this many words, or (for scripts written without spaces) this many
# characters and a sentence stop.
MIN_PROSE_WORDS = 12
MIN_PROSE_CHARS = 50
_SENTENCE_STOP = re.compile(r"[.!?。！？]")
# A first block shorter than this that merely starts the title is not treated as the headline.
_MIN_TITLE_PREFIX = 20


class Block(NamedTuple):
    """One rendered block of the body: its kind (``p``, ``head``, ``item``, ``row``…) and text."""

    kind: str
    text: str


def _inline_text(element: etree._Element) -> str:
    """Text of one block, inline markup flattened, nested blocks and ``lb`` on their own lines."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.tag in _LINE_BREAKING:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


def render_blocks(body: etree._Element) -> list[Block]:
    """Render trafilatura's body tree as blocks, in document order, empty ones left out."""
    blocks: list[Block] = []
    for element in body:
        tag = str(element.tag)
        if tag == "list":
            blocks.extend(Block("item", t) for t in map(_inline_text, element) if t)
        elif tag == "table":
            for row in element.iter("row"):
                cells = [_inline_text(cell) for cell in row]
                text = " | ".join(cell for cell in cells if cell)
                if text:
                    blocks.append(Block("row", text))
        elif tag != "graphic":
            text = _inline_text(element)
            if text:
                blocks.append(Block(tag, text))
        # Text trafilatura leaves between blocks (after a heading, say) is body text too.
        if element.tail and element.tail.strip():
            blocks.append(Block("text", _SPACE.sub(" ", element.tail).strip()))
    return blocks


def _is_headline(text: str, title: str | None) -> bool:
    if not title:
        return False
    first, wanted = text.strip().casefold(), title.strip().casefold()
    return first == wanted or (len(first) >= _MIN_TITLE_PREFIX and wanted.startswith(first))


def drop_leftovers(blocks: list[Block], title: str | None) -> list[Block]:
    """Remove the non-article blocks described in the module docstring; keep everything else."""
    kept = [
        block
        for block in blocks
        if not _CUE_LINE.match(block.text) and not _BARE_URL.match(block.text)
    ]
    if kept and _is_headline(kept[0].text, title):
        kept = kept[1:]
    while kept and kept[-1].kind == "head":
        kept.pop()
    return kept


def has_prose(blocks: list[Block]) -> bool:
    """True when some block reads like running text rather than a menu or a list of labels."""
    return any(_is_prose(line) for block in blocks for line in block.text.split("\n"))


def _is_prose(line: str) -> bool:
    if len(line.split()) >= MIN_PROSE_WORDS:
        return True
    return len(line) >= MIN_PROSE_CHARS and _SENTENCE_STOP.search(line) is not None


def join_blocks(blocks: list[Block]) -> str:
    """The body text: blocks separated by one blank line."""
    return "\n\n".join(block.text for block in blocks)
