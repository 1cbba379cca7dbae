"""DOCX: how each layout item is drawn (convert.layout), on top of docx.py's _Builder.

Furniture and text go through the builder's own paragraph and run code (fonts,
ambiguous marks, embedding fallback); this module adds what a plain article never
had: real numbered and bulleted lists (a numbering part, one w:num per list so
each restarts), tables with a repeated header row, indented quotes, embedded
images with captions, clickable hyperlinks, emphasis / strong / code runs,
preformatted text in a monospaced face and rules. The extra styles are added to
the document's styles part when missing (a --reference-docx keeps its own).
"""

from __future__ import annotations

import io
from copy import deepcopy
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from convert.images import Images
from convert.layout import Drawer, Furniture, Run, runs
from convert.model import Block, Cell, Document, Figure, ListBlock, Quote, Table
from convert.writers.docx_stream import DetachedBody
from convert.writers.docx_template import quoteattr

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.text.run import CT_R

    from convert.writers.docx import _Builder
    from convert.writers.docx_template import Profile

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_W = f'xmlns:w="{W_NS}"'
LINK_SCHEMES = ("http", "https", "mailto")
MONO = "Courier New"  # LibreOffice maps it to Liberation Mono
# A column of common monospaced faces, in ems (a --reference-docx may name its own).
MONO_ADVANCE = {"Courier New": 0.6, "Liberation Mono": 0.6, "DejaVu Sans Mono": 0.602,
                "Consolas": 0.55, "Menlo": 0.602, "Source Code Pro": 0.6, "Cascadia Code": 0.586}
INDENT = 420  # twips: two characters of 10.5 pt, the step of quotes and list levels
QUOTE_GREY = "404040"  # a quote's text, lists in it included
EMU_PER_TWIP = 635
EMU_PER_PX = 9525  # at 96 dpi: an image no wider than the measure keeps its pixel size


def _style(kind: str, style_id: str, name: str, body: str, based_on: str | None = None) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    return (f'<w:style {_W} w:type="{kind}" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{based}<w:qFormat/>{body}</w:style>')


_NO_INDENT = '<w:ind w:firstLine="0" w:firstLineChars="0"/>'


def extra_styles(profile: Profile) -> list[tuple[str, str]]:
    """(style id, XML) of the styles the nodes use, in our look."""
    body_indent = ('<w:ind w:left="{l}" w:right="{l}" w:firstLineChars="200" w:firstLine="480"/>'
                   if profile.cjk else '<w:ind w:left="{l}" w:right="{l}" w:firstLine="0"/>')
    # Chinese inside code stays in the body face (and an embedded body face covers it).
    mono = (f'<w:rFonts w:ascii="{MONO}" w:hAnsi="{MONO}" w:cs="{MONO}" '
            f'w:eastAsia={quoteattr(profile.body.name)}/>')
    return [
        ("Kicker", _style("paragraph", "Kicker", "Kicker",
                          f'<w:pPr><w:keepNext/>{_NO_INDENT}<w:jc w:val="center"/></w:pPr>'
                          '<w:rPr><w:sz w:val="24"/></w:rPr>', "Normal")),
        ("Quote", _style("paragraph", "Quote", "Quote",
                         '<w:pPr><w:spacing w:before="60" w:after="60"/>'
                         f'{body_indent.format(l=INDENT * 2)}</w:pPr>'
                         f'<w:rPr><w:color w:val="{QUOTE_GREY}"/></w:rPr>', "Normal")),
        ("ListParagraph", _style("paragraph", "ListParagraph", "List Paragraph",
                                 f'<w:pPr><w:spacing w:after="40"/>{_NO_INDENT}'
                                 '<w:jc w:val="left"/></w:pPr>', "Normal")),
        # A list inside a quote: set like any list, in the quote's grey.
        ("QuoteList", _style("paragraph", "QuoteList", "Quote List",
                             f'<w:rPr><w:color w:val="{QUOTE_GREY}"/></w:rPr>', "ListParagraph")),
        ("Figure", _style("paragraph", "Figure", "Figure",
                          f'<w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60" '
                          f'w:line="240" w:lineRule="auto"/>{_NO_INDENT}<w:jc w:val="center"/>'
                          '</w:pPr>', "Normal")),
        ("Caption", _style("paragraph", "Caption", "caption",
                           f'<w:pPr><w:spacing w:after="200"/>{_NO_INDENT}<w:jc w:val="center"/>'
                           '</w:pPr><w:rPr><w:color w:val="595959"/><w:sz w:val="20"/></w:rPr>',
                           "Normal")),
        ("SourceCode", _style("paragraph", "SourceCode", "Source Code",
                              '<w:pPr><w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
                              '<w:spacing w:before="120" w:after="120" w:line="240" '
                              f'w:lineRule="auto"/>{_NO_INDENT}<w:jc w:val="left"/></w:pPr>'
                              f'<w:rPr>{mono}<w:sz w:val="20"/></w:rPr>', "Normal")),
        ("TableText", _style("paragraph", "TableText", "Table Text",
                             f'<w:pPr><w:spacing w:line="240" w:lineRule="auto"/>{_NO_INDENT}'
                             '<w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="21"/></w:rPr>',
                             "Normal")),
        ("HorizontalRule", _style("paragraph", "HorizontalRule", "Horizontal Rule",
                                  '<w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" '
                                  'w:color="A6A6A6"/></w:pBdr><w:spacing w:before="120" '
                                  f'w:after="240" w:line="120" w:lineRule="exact"/>{_NO_INDENT}'
                                  '<w:ind w:left="1800" w:right="1800"/></w:pPr>', "Normal")),
        ("Hyperlink", _style("character", "Hyperlink", "Hyperlink",
                             '<w:rPr><w:color w:val="1F4E99"/><w:u w:val="single"/></w:rPr>')),
        ("VerbatimChar", _style("character", "VerbatimChar", "Verbatim Char",
                                f"<w:rPr>{mono}</w:rPr>")),
        ("Table", _style("table", "Table", "Table",
                         '<w:tblPr><w:jc w:val="center"/><w:tblBorders>'
                         + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" '
                                   'w:color="808080"/>'
                                   for side in ("top", "left", "bottom", "right", "insideH",
                                                "insideV"))
                         + '</w:tblBorders><w:tblCellMar><w:top w:w="40" w:type="dxa"/>'
                         '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="40" w:type="dxa"/>'
                         '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr>')),
    ]


def prepare(document: DocxDocument, profile: Profile) -> None:
    """Add the node styles a document lacks, and tell Word not to stretch the
    justified line before a line break (w:doNotExpandShiftReturn)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    styles = document.styles.element
    have = {s.get(qn("w:styleId")) for s in styles.iterfind(qn("w:style"))}
    for style_id, xml in extra_styles(profile):
        if style_id not in have:
            styles.append(parse_xml(xml))
    settings = document.settings.element
    compat = settings.find(qn("w:compat"))
    if compat is None:
        return
    if compat.find(qn("w:doNotExpandShiftReturn")) is None:
        # First in CT_Compat's sequence of what is there (before useFELayout).
        compat.insert(0, parse_xml(f"<w:doNotExpandShiftReturn {_W}/>"))


def apply_reference(document: DocxDocument, reference: Path) -> None:
    """Styles, page size and margins from a user's Word file (--reference-docx), as
    pandoc's --reference-doc: its styles replace ours where both define a style id;
    the styles only convert uses (ArticleMeta, Rights, …) stay ours."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    styles_xml, section = _reference_parts(str(reference), reference.stat().st_mtime_ns)
    theirs = parse_xml(styles_xml)
    ours = document.styles.element
    their_ids = {s.get(qn("w:styleId")) for s in theirs.iterfind(qn("w:style"))}
    keep = [s for s in ours.iterfind(qn("w:style")) if s.get(qn("w:styleId")) not in their_ids]
    for child in list(ours):
        ours.remove(child)
    for child in theirs:
        ours.append(child)
    for style in keep:
        ours.append(style)
    if section is not None:
        sect_pr = document.sections[-1]._sectPr
        for tag in ("w:pgSz", "w:pgMar"):
            found = parse_xml(section).find(qn(tag))
            old = sect_pr.find(qn(tag))
            if found is not None and old is not None:
                old.addprevious(found)
                sect_pr.remove(old)


@lru_cache(maxsize=4)
def _reference_parts(path: str, mtime: int) -> tuple[bytes, bytes | None]:
    """The reference's styles.xml and its last w:sectPr (read once per file version)."""
    import zipfile

    from lxml import etree

    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml")
        body = z.read("word/document.xml") if "word/document.xml" in z.namelist() else b""
    section = None
    if body:
        root = etree.fromstring(body)
        found = root.findall(f".//{{{W_NS}}}sectPr")
        if found:
            section = etree.tostring(found[-1])
    return styles, section


# -- numbering ------------------------------------------------------------------------

BULLETS = "•◦▪"


def _levels(ordered: bool) -> str:
    out = []
    for lvl in range(9):
        left = INDENT * (lvl + 1) + INDENT
        if ordered:
            fmt = "decimal"  # as EPUB (a browser's ol) and PDF number every level
            text = f"%{lvl + 1}."
            font = ""
        else:
            fmt, text = "bullet", BULLETS[lvl % 3]
            font = '<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr>'
        out.append(
            f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{left}" w:hanging="{INDENT}"/></w:pPr>{font}</w:lvl>'
        )
    return "".join(out)


@dataclass
class Numbering:
    """One w:num per list (each list restarts at its own start), over two abstract lists."""

    lists: list[tuple[bool, int, int]] = field(default_factory=list)  # (ordered, start, level)

    def new(self, ordered: bool, start: int, level: int = 0) -> int:
        self.lists.append((ordered, start, min(level, 8)))
        return len(self.lists)

    def xml(self) -> bytes:
        nums = []
        for num_id, (ordered, start, level) in enumerate(self.lists, 1):
            # Every list restarts: its own w:num with a start override at its level.
            override = (f'<w:lvlOverride w:ilvl="{level}"><w:startOverride w:val="{start}"/>'
                        "</w:lvlOverride>")
            nums.append(f'<w:num w:numId="{num_id}"><w:abstractNumId w:val="{int(ordered)}"/>'
                        f"{override}</w:num>")
        abstract = "".join(
            f'<w:abstractNum w:abstractNumId="{int(ordered)}"><w:multiLevelType '
            f'w:val="hybridMultilevel"/>{_levels(ordered)}</w:abstractNum>'
            for ordered in (False, True)
        )
        return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
                f"<w:numbering {_W}>{abstract}{''.join(nums)}</w:numbering>").encode()

    def attach(self, document: DocxDocument) -> None:
        """Write the numbering part (python-docx cannot create one itself)."""
        if not self.lists:
            return
        from docx.opc.constants import CONTENT_TYPE as CT
        from docx.opc.constants import RELATIONSHIP_TYPE as RT
        from docx.opc.packuri import PackURI
        from docx.opc.part import Part

        part = document.part
        for rel in part.rels.values():
            if rel.reltype == RT.NUMBERING:  # the template's own list definitions: ours instead
                target = rel.target_part
                if hasattr(target, "_element"):  # a NumberingPart saves its element, not bytes
                    from docx.oxml import parse_xml

                    target._element = parse_xml(self.xml())
                else:
                    target._blob = self.xml()  # type: ignore[attr-defined]
                return
        numbering = Part(PackURI("/word/numbering.xml"), CT.WML_NUMBERING, self.xml(),
                         part.package)
        part.relate_to(numbering, RT.NUMBERING)


# -- the drawer -----------------------------------------------------------------------


class DocxDrawer(Drawer):
    """Draws an article's items into the builder's document."""

    def __init__(self, builder: _Builder, document: DocxDocument, images: Images,
                 numbering: Numbering, *, in_book: bool, chapters: int = 0) -> None:
        self.b = builder
        self.document = document
        self.images = images
        self.numbering = numbering
        self.in_book = in_book
        self.offset = 1 if in_book else 0
        self.chapters = chapters  # heading levels at or above this start a new page
        self.paragraphs: list = []  # every w:p drawn, as python-docx Paragraphs
        self._list: list[tuple[int, int]] = []  # (numId, depth) of the lists we are in
        self._first_in_item = False
        self._quote = 0
        self._placeholder = None  # a long text's body placeholder (docx_stream)
        self._code: tuple[str, int] | None = None  # code's face, w:spacing after CJK

    def _keep(self, paragraph) -> None:  # type: ignore[no-untyped-def]
        """Remember a paragraph the caller may format later (a book's chapter start,
        its language); a long text's detached body keeps nothing (docx_stream)."""
        if self.b.detached is None:
            self.paragraphs.append(paragraph)

    def draw(self, item: object) -> None:
        if self.chapters and not self.in_book and not isinstance(item, Furniture):
            # A long text: its body is serialised as it is built (docx_stream), after a
            # placeholder paragraph that marks where it goes.
            if self.b.detached is None:
                self._placeholder = self.b.add("", "Normal")._p
                self.b.detached = DetachedBody(self._placeholder)
            super().draw(item)
            while (element := self._placeholder.getnext()) is not None and \
                    element is not self.b._sect_pr:
                self.b.detached.take(element)
            return
        super().draw(item)

    # -- furniture --------------------------------------------------------------------

    def visit_kicker(self, item: Furniture) -> None:
        self._keep(self.b.add(item.text, "Kicker"))

    def visit_title(self, item: Furniture) -> None:
        from convert.writers.docx import balanced_title, title_measure

        title = item.text if self.in_book else balanced_title(item.text,
                                                              title_measure(self.document))
        self._keep(self.b.add(title, "Heading1" if self.in_book else "Title"))

    def visit_subtitle(self, item: Furniture) -> None:
        self._keep(self.b.add(item.text, "Subtitle"))

    def visit_meta(self, item: Furniture) -> None:
        self._keep(self.b.add(item.text, "ArticleMeta"))

    def visit_editors(self, item: Furniture) -> None:
        self._keep(self.b.add(item.text, "Editors"))

    def visit_rights(self, item: Furniture) -> None:
        from convert.writers.docx import _rule_above

        paragraph = self.b.add(item.text, "Rights")
        if item.index == 0:
            _rule_above(paragraph)
        self._keep(paragraph)

    # -- blocks -----------------------------------------------------------------------

    def visit_heading(self, block: Block) -> None:
        from convert.writers.docx import _block_style

        paragraph = self.rich(block, _block_style(block, self.offset))
        if (block.level or 2) <= self.chapters:
            paragraph.paragraph_format.page_break_before = True

    def visit_paragraph(self, block: Block) -> None:
        if self._list:
            style = "QuoteList" if self._quote else "ListParagraph"
        elif self._quote:
            style = "Quote"
        else:
            style = "Normal"
        self.rich(block, style)

    def visit_preformatted(self, block: Block) -> None:
        from convert.charclass import expand_tabs, is_wide

        # Tabs as spaces to 8-column stops: Word's tab stops are not columns of the face.
        text = "\n".join(expand_tabs(line) for line in block.text.split("\n"))
        paragraph = self.rich(Block("preformatted", text), "SourceCode")
        _cjk_two_columns(paragraph._p, *self._code_face())
        if any(is_wide(ch) for ch in text):
            _no_auto_space(paragraph._p)

    def _code_face(self) -> tuple[str, int]:
        """The code style's monospaced face, and the twentieths of a point after each
        CJK character so it takes two of its columns (an em of CJK against 0.6 em a
        column in Courier New)."""
        from convert.writers.docx import _style_size

        if self._code is None:
            style = next((s for s in self.document.styles if s.style_id == "SourceCode"), None)
            face = (style.font.name if style is not None else None) or MONO
            advance = MONO_ADVANCE.get(face, MONO_ADVANCE[MONO])
            size = _style_size(self.document, "SourceCode") or 10.0
            self._code = (face, round((2 * advance - 1) * size * 20))
        return self._code

    def visit_rule(self, block: Block) -> None:
        self.rich(block, "HorizontalRule")

    def visit_quote(self, quote: Quote) -> None:
        self._quote += 1
        self.draw_all(quote.blocks)
        self._quote -= 1

    def visit_list(self, lst: ListBlock) -> None:
        depth = len(self._list)
        num_id = 0
        if self._list:
            # A nested list carries on its outer list's numbering one level down
            # (Word restarts the level after each outer item); one of another kind,
            # or with its own start, gets its own.
            outer = self._list[-1][0]
            if self.numbering.lists[outer - 1][0] == lst.ordered and lst.start == 1:
                num_id = outer
        if not num_id:
            num_id = self.numbering.new(lst.ordered, lst.start, depth)
        self._list.append((num_id, depth))
        for item in lst.items:
            self._first_in_item = True
            self.draw_all(item)
            self._first_in_item = False
        self._list.pop()

    def visit_figure(self, figure: Figure) -> None:
        image = self.images.get(figure.src)
        if image is not None:
            paragraph = self.b.add("", "Figure")
            self._picture(paragraph, image)
        else:
            paragraph = self.b.add(f"[{figure.alt}]" if figure.alt.strip() else "", "Figure")
        self._keep(paragraph)
        if figure.caption:
            self.inline_paragraph(runs(figure.caption), "Caption")
        elif image is not None and figure.alt.strip():
            self._keep(self.b.add(figure.alt, "Caption"))

    def visit_table(self, table: Table) -> None:
        rows = table.head + table.body
        columns = max((len(r) for r in rows), default=0)
        if not columns:
            return
        from docx.oxml import parse_xml
        from docx.oxml.ns import qn

        grid = self._measure() // columns
        tbl = parse_xml(
            f'<w:tbl {_W}><w:tblPr><w:tblStyle w:val="Table"/><w:tblW w:w="0" w:type="auto"/>'
            '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>'
            + f'<w:gridCol w:w="{grid}"/>' * columns + "</w:tblGrid></w:tbl>"
        )
        self._insert(tbl)
        for n, row in enumerate(rows):
            head = n < len(table.head)
            tr = parse_xml(f"<w:tr {_W}/>")
            if head:  # repeated at the top of every page the table runs onto
                tr.append(parse_xml(f'<w:trPr {_W}><w:cantSplit/><w:tblHeader/></w:trPr>'))
            tbl.append(tr)
            for c in range(columns):
                cell = row[c] if c < len(row) else Cell()
                tc = parse_xml(f'<w:tc {_W}><w:tcPr><w:tcW w:w="{grid}" w:type="dxa"/>'
                               "</w:tcPr></w:tc>")
                if head:
                    tc.find(qn("w:tcPr")).append(parse_xml(
                        f'<w:shd {_W} w:val="clear" w:color="auto" w:fill="EDEDED"/>'))
                tr.append(tc)
                jc = table.column_align(c) or ("center" if head else "")
                p = parse_xml(f'<w:p {_W}><w:pPr><w:pStyle w:val="TableText"/>'
                              + (f'<w:jc w:val="{jc}"/>' if jc else "") + "</w:pPr></w:p>")
                tc.append(p)
                cell_runs = runs(cell.inlines)
                if head:
                    cell_runs = [_strong(r) for r in cell_runs]
                self._fill(p, cell_runs, "TableText")
        # A table followed straight by another needs a paragraph between (Word merges them).
        self.b.add("", "TableText").paragraph_format.space_after = 0

    # -- paragraphs and runs ----------------------------------------------------------

    def rich(self, block: Block, style: str):  # type: ignore[no-untyped-def]
        """A paragraph of the block's inlines in `style` (list numbering when first in an item)."""
        if not block.inlines:
            paragraph = self.b.add(block.text, style)
        else:
            paragraph = self.inline_paragraph(runs(block.inlines), style, record=False)
        self._number(paragraph)
        self._keep(paragraph)
        return paragraph

    def inline_paragraph(self, pieces: list[Run], style: str, record: bool = True):  # type: ignore[no-untyped-def]
        paragraph = self.b.add("", style)
        self._fill(paragraph._p, pieces, style)
        if record:
            self._keep(paragraph)
        return paragraph

    def _number(self, paragraph) -> None:  # type: ignore[no-untyped-def]
        """List numbering and indents: the Quote style indents one quote, the numbering
        one list; a list inside a quote, or a quote inside a quote, is indented as far
        again by the quotes around it (as the PDF and a browser nest them)."""
        quoted = INDENT * 2 * self._quote  # the quotes' indent, on each side
        if not self._list:
            if self._quote > 1:
                self._indent(paragraph, f'w:left="{quoted}" w:right="{quoted}"')
            return
        num_id, depth = self._list[-1]
        level = INDENT * (min(depth, 8) + 2)  # where the numbering puts the item's text
        if self._first_in_item:
            self._first_in_item = False
            self._indent(paragraph, None, num_id=num_id, depth=depth)
            if quoted:  # the numbering's indent, moved in by the quotes
                self._indent(paragraph, f'w:left="{level + quoted}" w:right="{quoted}" '
                                        f'w:hanging="{INDENT}"')
        else:  # a later paragraph of the item: aligned with the item's text, no number
            right = f' w:right="{quoted}"' if quoted else ""
            self._indent(paragraph, f'w:left="{level + quoted}"{right} w:firstLine="0" '
                                    'w:firstLineChars="0"')

    @staticmethod
    def _indent(paragraph, ind: str | None, *, num_id: int = 0,  # type: ignore[no-untyped-def]
                depth: int = 0) -> None:
        """A w:ind (its attributes `ind`), or with `num_id` a w:numPr, in CT_PPr's order:
        numPr follows pStyle (and what precedes it), ind comes after spacing."""
        from docx.oxml import parse_xml

        p_pr = paragraph._p.get_or_add_pPr()
        if ind is None:
            node = parse_xml(f'<w:numPr {_W}><w:ilvl w:val="{min(depth, 8)}"/>'
                             f'<w:numId w:val="{num_id}"/></w:numPr>')
            style = p_pr.find(f"{{{W_NS}}}pStyle")
            if style is not None:
                style.addnext(node)
            else:
                p_pr.insert(0, node)
        else:
            p_pr.append(parse_xml(f"<w:ind {_W} {ind}/>"))

    def _fill(self, p: CT_P, pieces: list[Run], style: str) -> None:
        """Runs for `pieces` in paragraph `p`: emphasis, strong, code, line breaks, links."""
        from docx.oxml import parse_xml

        link_el = None
        link_href: str | None = None
        for run in pieces:
            href = run.href if run.href and _linkable(run.href) else None
            if href != link_href:
                link_el = None
                if href is not None:
                    r_id = self.document.part.relate_to(
                        href, "http://schemas.openxmlformats.org/officeDocument/2006/"
                        "relationships/hyperlink", is_external=True)
                    link_el = parse_xml(f'<w:hyperlink {_W} xmlns:r="{R_NS}" r:id="{r_id}" '
                                        'w:history="1"/>')
                    p.append(link_el)
                link_href = href
            before = len(p)
            self._text(p, run.text, style)
            for r in list(p)[before:]:
                _format(r, run, latin=self.b.latin_text, linked=href is not None)
                if link_el is not None:
                    link_el.append(r)  # moves the run inside the hyperlink

    def _text(self, p: CT_P, text: str, style: str) -> None:
        """Text as runs the way the builder writes them (fonts, marks, fallback faces)."""
        self.b.written.append((text, style))
        if self.b.fallback is None:
            self.b._runs(p, text, style)
            return
        from convert.writers.docx import _name_font

        for segment, family in self.b.fallback.split(text, style):
            if family is not None:
                _name_font(self.b._run(p, segment), family)
            else:
                self.b._runs(p, segment, style)

    def _insert(self, element) -> None:  # type: ignore[no-untyped-def]
        """A body-level element in reading order (before the final section properties)."""
        sect_pr = self.b._sect_pr
        if sect_pr is not None:
            sect_pr.addprevious(element)
        else:
            self.b._body.append(element)

    def _measure(self) -> int:
        """The text width in twips."""
        section = self.document.sections[-1]
        width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
        return max(int(width / EMU_PER_TWIP), 1440)

    def _picture(self, paragraph, image) -> None:  # type: ignore[no-untyped-def]
        from docx.shared import Emu
        from docx.text.run import Run as DocxRun

        measure = self._measure() * EMU_PER_TWIP
        indent = INDENT * 2 * EMU_PER_TWIP if (self._quote or self._list) else 0
        width = min(image.width * EMU_PER_PX, measure - indent)
        height = int(width * image.height / image.width)
        r = self.b._run(paragraph._p, "")
        for t in list(r):
            r.remove(t)
        DocxRun(r, paragraph).add_picture(io.BytesIO(image.data), width=Emu(width),
                                          height=Emu(height))


def _linkable(href: str) -> bool:
    return urlparse(href.strip()).scheme.lower() in LINK_SCHEMES


def _strong(run: Run) -> Run:
    return Run(run.text, run.emphasis, True, run.code, run.href, run.line_break)


def _format(r: CT_R, run: Run, *, latin: bool, linked: bool) -> None:
    """Character formatting on one w:r, in CT_RPr's order (python-docx places each)."""
    from docx.oxml import parse_xml

    if not (run.strong or run.emphasis or run.code or linked):
        return
    r_pr = r.get_or_add_rPr()
    if linked:
        r_pr.get_or_add_rStyle().set(f"{{{W_NS}}}val", "Hyperlink")
    elif run.code:
        r_pr.get_or_add_rStyle().set(f"{{{W_NS}}}val", "VerbatimChar")
    if run.code and linked:  # the link's style wins the rStyle; the face is named here
        fonts = r_pr.get_or_add_rFonts()
        for attr in ("ascii", "hAnsi", "cs"):
            fonts.set(f"{{{W_NS}}}{attr}", MONO)
    if run.strong:
        r_pr.get_or_add_b()
        r_pr.get_or_add_bCs()
    if run.emphasis:
        if latin:
            r_pr.get_or_add_i()
            r_pr.get_or_add_iCs()
        else:
            # Chinese is not slanted: emphasis is a dot under each character (着重号).
            r_pr.append(parse_xml(f'<w:em {_W} w:val="dot"/>'))


def draw_article(builder: _Builder, doc: Document, *, in_book: bool,
                 chapters: int = 0) -> list:  # type: ignore[type-arg]
    """Every item of the article (convert.layout), drawn; the paragraphs made."""
    from convert import layout

    images = Images(doc.base, "docx", doc.warnings)
    drawer = DocxDrawer(builder, builder.document, images, builder.numbering, in_book=in_book,
                        chapters=chapters)
    drawer.draw_all(layout.article(doc))
    builder.notes.extend(images.warnings())
    return drawer.paragraphs


def finish(builder: _Builder) -> tuple[str, ...]:
    """After the last article: the numbering part, and the drawing warnings."""
    builder.numbering.attach(builder.document)
    return tuple(dict.fromkeys(builder.notes))


def _no_auto_space(p) -> None:  # type: ignore[no-untyped-def]
    """No automatic space between CJK and Latin letters or digits in this paragraph (it
    would shift every column after it). The style says so too; this is for readers that
    look only at the paragraph."""
    from docx.oxml import parse_xml

    p_pr = p.get_or_add_pPr()
    later = next((c for c in p_pr if c.tag in _AFTER_AUTO_SPACE), None)
    for xml in (f'<w:autoSpaceDE {_W} w:val="0"/>', f'<w:autoSpaceDN {_W} w:val="0"/>'):
        node = parse_xml(xml)
        if later is not None:
            later.addprevious(node)
        else:
            p_pr.append(node)


# What follows w:autoSpaceDN in a w:pPr (ECMA-376 CT_PPr's sequence).
_AFTER_AUTO_SPACE = {f"{{{W_NS}}}{tag}" for tag in (
    "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing",
    "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange")}


# What follows w:spacing in a w:rPr (ECMA-376 CT_RPr's sequence): it goes before these.
_AFTER_SPACING = {f"{{{W_NS}}}{tag}" for tag in (
    "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText",
    "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout", "specVanish", "oMath")}


def _cjk_two_columns(p, face: str, spacing: int) -> None:  # type: ignore[no-untyped-def]
    """The CJK characters of a code paragraph in runs of their own, each followed by
    `spacing` (w:spacing) so it is two columns of the monospaced `face` wide and ASCII
    tables with Chinese in them keep their columns. The other runs are in `face` for
    East Asian text too: Word and LibreOffice draw a space after a Chinese character in
    the East Asian face, narrower than a column."""
    from itertools import groupby

    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from convert.charclass import is_wide

    for r in list(p.iter(qn("w:r"))):
        if not any(is_wide(ch) for t in r.iter(qn("w:t")) for ch in t.text or ""):
            continue
        r_pr = r.find(qn("w:rPr"))
        pieces: list[tuple[bool, object]] = []  # (wide, element) in order
        for child in r:
            if child is r_pr:
                continue
            if child.tag != qn("w:t"):
                pieces.append((False, child))  # w:br, w:tab
                continue
            for wide, chars in groupby(child.text or "", is_wide):
                t = OxmlElement("w:t")
                t.text = "".join(chars)
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                pieces.append((wide, t))
        for wide, group in groupby(pieces, lambda piece: piece[0]):
            run = OxmlElement("w:r")
            props = deepcopy(r_pr) if r_pr is not None else OxmlElement("w:rPr")
            if wide:
                gap = OxmlElement("w:spacing")
                gap.set(qn("w:val"), str(spacing))
                later = next((c for c in props if c.tag in _AFTER_SPACING), None)
                if later is not None:
                    later.addprevious(gap)
                else:
                    props.append(gap)
            else:
                props.get_or_add_rFonts().set(qn("w:eastAsia"), face)
            if len(props):
                run.append(props)
            for _, element in group:
                run.append(element)
            r.addprevious(run)
        r.getparent().remove(r)
