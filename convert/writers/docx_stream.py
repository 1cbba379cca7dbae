"""A long text's DOCX body kept as bytes, not as a tree of a million XML elements.

python-docx holds the document as an lxml tree: for a novel (tens of thousands of
paragraphs, a run for each ambiguous mark) that tree is several times the size of its
text. The paragraphs of a long text are serialised as soon as they are built and
taken out of the tree; a placeholder paragraph marks where they go, and the saved
document.xml is spliced around it as the package is zipped. The bytes are those the
whole tree would have given: a paragraph serialised alone only adds the namespace
declarations its ancestors carried, which are removed from its opening tag.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from convert import regex_cache

if TYPE_CHECKING:
    from docx.oxml.text.paragraph import CT_P

# Serialised alone, a paragraph repeats every namespace declared on the document root.
_DECLARATIONS = regex_cache.compile(rb' xmlns(?::[\w.-]+)?="[^"]*"')
_MARK_ATTRIBUTE = "convertBody"
PLACEHOLDER = f'<w:p {_MARK_ATTRIBUTE}="1"/>'.encode()


class DetachedBody:
    """The serialised paragraphs of a body, in order, and where they belong."""

    def __init__(self, placeholder: CT_P) -> None:
        placeholder.set(_MARK_ATTRIBUTE, "1")
        self.pieces: list[bytes] = []

    def take(self, p: CT_P) -> None:
        """Serialise `p` (a paragraph just built, after the placeholder) and drop it."""
        from lxml import etree

        xml = etree.tostring(p, encoding="UTF-8")
        end = xml.index(b">") + 1
        self.pieces.append(_DECLARATIONS.sub(b"", xml[:end]) + xml[end:])
        p.getparent().remove(p)

    def splice(self, document_xml: bytes) -> list[bytes]:
        """document.xml as pieces, the paragraphs where the placeholder was."""
        head, found, tail = document_xml.partition(PLACEHOLDER)
        if not found:
            raise ValueError("document.xml lost the body placeholder")
        return [head, *self.pieces, tail]
