"""Long texts (novels, reports): which headings start a chapter in every writer.

A chapter is a new content document in the EPUB and a new page in the DOCX and PDF.
An article keeps its subheadings inline: only a long text (LONG_TEXT_CHARS or more)
is broken, and only at the heading levels whose sections are long enough to be
chapters (MIN_CHAPTER_CHARS on average) — a novel's 卷 and 章, not a report's 一、
of three paragraphs. The same rule for every format, so a chapter is a chapter
whichever file the reader opens.
"""

from __future__ import annotations

from convert.model import Document, plain_blocks

LONG_TEXT_CHARS = 30_000  # about twenty pages; news articles stay well below
MIN_CHAPTER_CHARS = 1_500  # average text per chapter at a level that breaks


def chapter_level(doc: Document) -> int | None:
    """The deepest heading level that starts a chapter (every level above it does too),
    or None when the document is an article and is not broken at all."""
    total = 0
    counts: dict[int, int] = {}
    for block in plain_blocks(doc.blocks):
        total += len(block.text)
        if block.type == "heading":
            level = block.level or 2
            counts[level] = counts.get(level, 0) + 1
    if total < LONG_TEXT_CHARS:
        return None
    chosen, headings = None, 0
    for level in sorted(counts):
        headings += counts[level]
        if headings >= 2 and total / (headings + 1) >= MIN_CHAPTER_CHARS:
            chosen = level
    return chosen
