"""DOCX: a Word document a Chinese editor would accept as typeset.

Title (Hei face), a grey meta line, subheadings as real Heading styles, body
in a Song/Ming face with a two-character first-line indent, the rights block
after a rule. Styles, fonts, page and footer come from a template prepared
once per process (convert.writers.docx_template); the package is rewritten
with fixed zip timestamps so the same model gives the same bytes.

Heading mapping: an article's title is the Title style and its subheadings
start at Heading 1 (model level 2 -> Heading 1, 3 -> Heading 2, 4+ -> Heading 3).
In a book each article's title is Heading 1 and its subheadings go one level
down (level 2 -> Heading 2, ...), capped at Heading 4.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from convert import layout
from convert.charclass import NOT_XML, display_width
from convert.model import Author, Block, Document
from convert.presentation import meta_line, parse_published, region_tag
from convert.typography import segments
from convert.writers import docx_nodes
from convert.writers.base import Rendered, RenderOptions, Writer
from convert.writers.docx_fonts import HEADING_STYLES, Fallback, FontPlan, embed
from convert.writers.docx_options import OPTIONS
from convert.writers.docx_stream import DetachedBody
from convert.writers.docx_template import (
    A4_TWIPS,
    MARGINS_TWIPS,
    MAX_HEADING,
    TITLE_SIZE,
    Profile,
    profile_for,
    template_bytes,
)
from convert.writers.docx_zip import zip_entries
from convert.writers.long_text import chapter_level

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.paragraph import CT_P
    from docx.oxml.text.run import CT_R
    from docx.text.paragraph import Paragraph

    from convert.fonts import FontFace

DOCUMENT_XML = "word/document.xml"
_W_T = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"



class _Cleaner:
    """Strips characters XML cannot hold, remembering them for one warning."""

    def __init__(self) -> None:
        self.removed: list[str] = []

    def __call__(self, text: str) -> str:
        # A bare CR would become its own line break in Word; treat CRLF/CR as one newline.
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if NOT_XML.search(text) is None:
            return text
        self.removed += NOT_XML.findall(text)
        return NOT_XML.sub("", text)

    def document(self, doc: Document) -> Document:
        """The model with every text cleaned, so each bad character counts once."""
        m = doc.meta
        opt = self.optional
        meta = replace(
            m, title=self(m.title), subtitle=opt(m.subtitle), source=opt(m.source),
            published=opt(m.published), dateline=opt(m.dateline),
            authors=tuple(Author(self(a.name), opt(a.role)) for a in m.authors),
            editors=tuple(self(e) for e in m.editors),
        )
        return replace(
            doc, meta=meta, blocks=tuple(b.map_text(self) for b in doc.blocks),
            rights=tuple(self(r) for r in doc.rights),
        )

    def optional(self, text: str | None) -> str | None:
        return None if text is None else self(text)

    def warnings(self) -> tuple[str, ...]:
        if not self.removed:
            return ()
        codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in self.removed}))
        return (f"docx: removed {len(self.removed)} character(s) XML cannot hold ({codes})",)


def _body_family(options: RenderOptions) -> str | None:
    """--font (a file: its family name) or --font-family names the body face."""
    if options.font is not None:
        from convert.fonts import face_from_file

        return face_from_file(options.font, options.font_index).family
    return options.font_family


def _profile(language: str, options: RenderOptions) -> Profile:
    if options.embed_fonts:
        return profile_for(language, _embedded_family(language, options), embed=True)
    return profile_for(language, _body_family(options))


def _embedded_family(language: str, options: RenderOptions) -> str | None:
    """An embedded user face is named by its own family, so the name styles use is the
    name inside the embedded file (--font-family may be spelt differently)."""
    if options.font is None and not options.font_family:
        return None
    from convert.fonts import body_face

    return body_face(options, language).family


def _font_notes(options: RenderOptions) -> tuple[str, ...]:
    if options.font is None or options.embed_fonts:
        return ()
    return (f"docx: the body font {_body_family(options)!r} is named, not embedded; "
            "readers need it installed",)


@cache
def _prepared(profile: Profile) -> DocxDocument:
    """The template opened once per process; never changed, only copied."""
    import docx

    return docx.Document(io.BytesIO(template_bytes(profile)))


def _open(profile: Profile, options: RenderOptions | None = None) -> DocxDocument:
    # A deep copy of the opened template: a third of the time of opening the package
    # again (unzipping and parsing every part) for each article.
    document = copy.deepcopy(_prepared(profile))
    reference = options.get("reference-docx") if options is not None else None
    if reference is not None:  # --reference-docx: the user's styles and page
        docx_nodes.apply_reference(document, Path(reference))
    docx_nodes.prepare(document, profile)  # the styles lists, tables, figures … use
    return document


class _Builder:
    """Appends styled paragraphs to one python-docx document.

    Styles are named by their w:styleId from docx_template (Normal, Title, Heading1, …):
    python-docx's name lookup walks styles.xml on every paragraph and was a third of
    the time an article took.
    """

    def __init__(self, document: DocxDocument, profile: Profile | None = None) -> None:
        from docx.oxml.parser import OxmlElement
        from docx.text.paragraph import Paragraph

        self.profile = profile  # the faces ambiguous marks are named in
        self.latin_text = False  # the article being added is in a Latin-script language

        self._paragraph = Paragraph
        self._parent = document._body
        self._body = document.element.body
        self._new_p = lambda: OxmlElement("w:p")
        # Paragraphs go before the final sectPr. python-docx's add_p finds it by scanning
        # the body's children on every call, quadratic in paragraphs (100k took 160 s).
        self._sect_pr = self._body.sectPr
        self.detached: DetachedBody | None = None  # a long text's body, serialised
        self.written: list[tuple[str, str]] = []  # (text, style id): what each face draws
        self.fallback: Fallback | None = None  # --embed-fonts: runs for what a face lacks
        self.document = document
        self.numbering = docx_nodes.Numbering()  # every list of the document
        self.notes: list[str] = []  # warnings from drawing nodes (images not embedded)

    def add(self, text: str, style_id: str) -> Paragraph:
        self.written.append((text, style_id))
        p = self._new_p()
        if self._sect_pr is not None:
            self._sect_pr.addprevious(p)
        else:
            self._body.append(p)
        if style_id != "Normal":
            p.style = style_id
        if not text:
            pass
        elif self.fallback is None:
            self._runs(p, text, style_id)
        else:
            for segment, family in self.fallback.split(text, style_id):
                if family is not None:
                    _name_font(self._run(p, segment), family)
                else:
                    self._runs(p, segment, style_id)
        return self._paragraph(p, self._parent)

    def _runs(self, p: CT_P, text: str, style_id: str) -> None:
        """`text` as runs, ambiguous-width marks (“ ’ — …) in runs of their own named
        in the face of the script they stand in (convert.typography)."""
        if self.profile is None:
            self._run(p, text)
            return
        for piece, latin in segments(text, self.latin_text):
            if latin is None:
                self._run(p, piece)
            else:
                _mark_run(p, piece, self.profile, latin=latin,
                          heading=style_id in HEADING_STYLES)

    @staticmethod
    def _run(p: CT_P, text: str) -> CT_R:
        from docx.oxml.parser import OxmlElement

        r = OxmlElement("w:r")
        p.append(r)
        if "\t" in text or "\n" in text:
            r.text = text  # CT_R.text turns \t into w:tab and \n into w:br
        else:
            # One w:t straight away: CT_R.text walks the text a character at a time,
            # most of a novel's time. lxml escapes < and &.
            t = OxmlElement("w:t")
            t.text = text
            r.append(t)
        for t in r.iterchildren(_W_T):
            t.set(_XML_SPACE, "preserve")  # keep runs of spaces exactly as they are
        return r

    def article(self, doc: Document, *, in_book: bool,
                chapters: int | None = None) -> list[Paragraph]:
        """Title, subtitle, meta, blocks, editors, rights — nothing from `dropped`;
        headings at model level `chapters` or above (a long text's) start a page.

        `doc` has been through _Cleaner.document already.
        """
        self.latin_text = not doc.is_cjk
        # The order and furniture are convert.layout's; docx_nodes draws each item.
        return docx_nodes.draw_article(self, doc, in_book=in_book, chapters=chapters or 0)


# The centred title's measure in ems of its own size (twips / 20 = points).
_TITLE_EMS = (A4_TWIPS[0] - MARGINS_TWIPS["left"] - MARGINS_TWIPS["right"]) / 20 / (TITLE_SIZE / 2)


def _ems(text: str) -> float:
    """Full-width characters one em, others about half: close enough to place a break."""
    return display_width(text) / 2


def balanced_title(title: str, measure: float = _TITLE_EMS) -> str:
    """A title too long for one line, with a line break where a Chinese editor puts it.

    Word would cut wherever the line is full, even inside a word (疫情防 / 控); the
    PDF writer's rules choose the space between clauses, a point after punctuation or
    before 暨, and lines of near-even length. The break is a w:br inside the paragraph.
    `measure`: the line's width in ems of the title's size (`title_measure`).
    """
    from convert.linebreak import balanced_breaks, wrap

    count = len(wrap(title, _ems, measure * 0.97))  # a little slack for wider glyphs
    if count < 2:
        return title
    lines = balanced_breaks(title, _ems, measure * 0.97, count)
    return "\n".join(line.text.strip() for line in lines) if lines else title


EMU_PER_POINT = 12700


def title_measure(document: DocxDocument) -> float:
    """The title's line in ems of its size, from the page and margins of the document's
    section and the size of its Title style: a --reference-docx brings its own (Letter,
    wide margins, a smaller title), and the break must be placed for those, not for A4."""
    section = document.sections[-1]
    width = (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)
    size = _style_size(document, "Title")
    if width <= 0 or not size:
        return _TITLE_EMS
    return width / EMU_PER_POINT / size


def _style_size(document: DocxDocument, style_id: str) -> float | None:
    """A paragraph style's font size in points, as Word resolves it: the style, the
    styles it is based on, then the document defaults."""
    from docx.oxml.ns import qn

    by_id = {s.style_id: s for s in document.styles}
    style = by_id.get(style_id)
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        if style.font.size is not None:
            return style.font.size.pt
        style = style.base_style
    defaults = document.styles.element.find(qn("w:docDefaults"))
    sz = None if defaults is None else defaults.find(
        f"{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn('w:sz')}")
    return int(sz.get(qn("w:val"))) / 2 if sz is not None else 10.0  # Word's own default


def _name_font(r: CT_R, family: str) -> None:
    """The run in `family` whatever Word or LibreOffice takes its characters for."""
    from docx.oxml.ns import qn

    fonts = r.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), family)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _mark_run(p: CT_P, marks: str, profile: Profile, *, latin: bool, heading: bool) -> None:
    """A run of ambiguous-width marks with every font slot in the face of their script:
    Word picks the slot for “ ” ‘ ’ by `w:hint` and the East Asian language, LibreOffice
    by the text before it, so naming the face in every slot is what holds in both.
    `w:hint="eastAsia"` tells Word a CJK mark belongs with the Chinese text, `default`
    that a Latin one does not. (Built with lxml directly: python-docx's run API costs
    more than the rest of a paragraph.)"""
    from lxml import etree

    if latin:
        family = (profile.latin_heading if heading else profile.latin_body).name
    else:
        family = (profile.heading if heading else profile.body).name
    r = etree.SubElement(p, _W + "r")
    fonts = etree.SubElement(etree.SubElement(r, _W + "rPr"), _W + "rFonts")
    # A Latin mark leaves the East Asian slot to the style (it draws no CJK character).
    slots = ("ascii", "hAnsi", "cs") if latin else ("ascii", "hAnsi", "eastAsia", "cs")
    for slot in slots:
        fonts.set(_W + slot, family)
    fonts.set(_W + "hint", "default" if latin else "eastAsia")
    etree.SubElement(r, _W + "t").text = marks


def _block_style(block: Block, offset: int) -> str:
    if block.type != "heading":
        return "Normal"
    level = min(max((block.level or 2) - 1, 1) + offset, MAX_HEADING)
    return f"Heading{level}"


def _rule_above(paragraph: Paragraph) -> None:
    """A thin grey top border: the rule that sets the rights block apart."""
    from docx.oxml import parse_xml
    from docx.shared import Pt

    paragraph.paragraph_format.space_before = Pt(24)
    p_pr = paragraph._p.get_or_add_pPr()
    border = parse_xml(
        '<w:pBdr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        '<w:top w:val="single" w:sz="4" w:space="6" w:color="A6A6A6"/></w:pBdr>'
    )
    # pBdr comes after pStyle/keepNext/…/widowControl in CT_PPr's sequence, before spacing.
    anchor = p_pr.find("{*}spacing")
    if anchor is not None:
        anchor.addprevious(border)
    else:
        p_pr.append(border)


def _set_core(document: DocxDocument, *, title: str, authors: Sequence[str], subject: str,
              description: str, language: str, published: str | None) -> None:
    core = document.core_properties
    core.title = title
    core.author = "; ".join(dict.fromkeys(authors))
    core.subject = subject
    core.comments = description
    core.language = language
    moment = parse_published(published)
    if moment is not None:
        # The article's own date, never "now": same input, same bytes. Core properties
        # are UTC; a model date with an offset is converted, a local one is kept as it is
        # (the model does not know the zone, and guessing would move the date).
        if moment.tzinfo is not None:
            moment = moment.astimezone(UTC)
        core.created = core.modified = moment.replace(tzinfo=None)


def _save(document: DocxDocument, contents: Mapping[str, bytes] | None = None,
          body: DetachedBody | None = None) -> bytes:
    entries = _package_entries(document)
    if body is None:
        return zip_entries(entries, contents)
    pieces = body.splice(entries[DOCUMENT_XML])  # type: ignore[arg-type]
    return zip_entries(entries, {**(contents or {}), DOCUMENT_XML: pieces})


class _Entries(dict):  # type: ignore[type-arg]
    """Stands in for python-docx's zip writer: keeps each part's bytes by member name."""

    def write(self, pack_uri: Any, blob: bytes) -> None:
        self[pack_uri.membername] = blob


def _package_entries(document: DocxDocument) -> dict[str, bytes]:
    """What document.save() zips (the same parts, the same bytes), not zipped: the
    package is zipped once, by docx_zip with fixed timestamps, instead of being
    compressed by python-docx, read back and compressed again."""
    from docx.opc.pkgwriter import PackageWriter

    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    entries = _Entries()
    PackageWriter._write_content_types_stream(entries, package.parts)
    PackageWriter._write_pkg_rels(entries, package.rels)
    PackageWriter._write_parts(entries, package.parts)
    return entries


def _east_asian_faces(profile: Profile, options: RenderOptions,
                      language: str) -> tuple[FontFace, FontFace]:
    """The faces behind profile.body and profile.heading when embedding."""
    from convert import fonts

    # A Latin document's East Asian runs are in the bundled Ming face; a user's face is Latin.
    body = fonts.body_face(options, language) if profile.cjk else fonts.serif_face(language)
    return body, fonts.sans_face()


def _plan_fonts(plan: FontPlan, profile: Profile, options: RenderOptions, language: str,
                written: Sequence[tuple[str, str]], *, whole_chapter: bool = False) -> None:
    """Which face draws which paragraphs. A chapter tagged with its own language
    (`whole_chapter`) names its body face on every run, headings included."""
    from convert import fonts

    body = [t for t, style in written if whole_chapter or style not in HEADING_STYLES]
    body_face, heading_face = _east_asian_faces(profile, options, language)
    plan.add(profile.body, body_face, body)
    if not profile.cjk and (options.font is not None or options.font_family):
        plan.add(profile.latin_body, fonts.body_face(options, language), body)
    if not whole_chapter:
        plan.add(profile.heading, heading_face,
                 [t for t, style in written if style in HEADING_STYLES])


def _fallback(builder: _Builder, profile: Profile, options: RenderOptions,
              language: str) -> None:
    if profile.embed:
        builder.fallback = Fallback(*_east_asian_faces(profile, options, language), language)


def _embed(document: DocxDocument, profile: Profile, plan: FontPlan,
           builder: _Builder) -> tuple[tuple[str, ...], dict[str, bytes]]:
    """Warnings, and the font parts' bytes for _save."""
    if builder.fallback is not None:
        builder.fallback.plan(plan)
    embedded, warnings = plan.fonts()
    return tuple(warnings), embed(document, profile, embedded)


def render(doc: Document, options: RenderOptions) -> Rendered:
    clean = _Cleaner()
    doc = clean.document(doc)
    profile = _profile(doc.meta.language, options)
    document = _open(profile, options)
    builder = _Builder(document, profile)
    _fallback(builder, profile, options, doc.meta.language)
    builder.article(doc, in_book=False, chapters=chapter_level(doc))
    m = doc.meta
    _set_core(document, title=m.title, authors=[a.name for a in m.authors],
              subject=m.source or "", description=meta_line(doc), language=profile.region,
              published=m.published)
    notes = clean.warnings() + _font_notes(options) + docx_nodes.finish(builder)
    parts = None
    if profile.embed:
        plan = FontPlan()
        _plan_fonts(plan, profile, options, doc.meta.language, builder.written)
        warnings, parts = _embed(document, profile, plan, builder)
        notes += warnings
    return Rendered(_save(document, parts, builder.detached), notes)


# Chapters and their first subheadings (\o "1-2"), as hyperlinks (\h), page numbers
# hidden in web view (\z), paragraph outline levels used too (\u).
TOC_INSTRUCTION = ' TOC \\o "1-2" \\h \\z \\u '

def _toc(builder: _Builder, titles: Sequence[str]) -> None:
    """A TOC field over Heading 1–2, its cached result the chapter titles.

    Word refreshes it (w:dirty) with page numbers; until then, and in readers
    that never update fields, the chapter list is still there to read.
    """
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    begin = [
        f'<w:r {w}><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>',
        f'<w:r {w}><w:instrText xml:space="preserve">{TOC_INSTRUCTION}</w:instrText></w:r>',
        f'<w:r {w}><w:fldChar w:fldCharType="separate"/></w:r>',
    ]
    end = f'<w:r {w}><w:fldChar w:fldCharType="end"/></w:r>'
    entries = [builder.add(t, "TOC1") for t in titles] or [builder.add("", "TOC1")]
    first, last = entries[0]._p, entries[-1]._p
    anchor = first.find("{*}pPr")
    for xml in reversed(begin):
        anchor.addnext(parse_xml(xml))
    last.append(parse_xml(end))


def _tag_language(paragraphs: Sequence[Paragraph], profile: Profile) -> None:
    """Mark a chapter whose language differs from the book's on each run."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    for paragraph in paragraphs:
        for run in paragraph.runs:
            r_pr = run._r.get_or_add_rPr()
            if r_pr.rFonts is None:  # a fallback run keeps the face it was given
                r_pr.insert(0, parse_xml(f'<w:rFonts {w} w:eastAsia="{profile.body.name}"/>'))
            elif r_pr.rFonts.get(qn("w:hint")) == "eastAsia":  # a CJK mark: this chapter's face
                for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
                    r_pr.rFonts.set(qn(attr), profile.body.name)
            r_pr.append(parse_xml(
                f'<w:lang {w} w:val="{profile.latin_lang}" w:eastAsia="{profile.east_asian_lang}"/>'
            ))


class _BookDrawer(layout.Drawer):
    """Draws a book's items (convert.layout.book): the title page with its contents
    field, then each article from a new page, headings one level down."""

    def __init__(self, builder: _Builder, profile: Profile, options: RenderOptions,
                 title_ems: float) -> None:
        self.b = builder
        self.profile = profile
        self.options = options
        self.title_ems = title_ems  # the title's line, for the document's page and Title size
        # Chapters in another language than the book: (language, profile, what they wrote).
        self.tagged: list[tuple[str, Profile, list[tuple[str, str]]]] = []

    def visit_book_title(self, item: layout.BookTitle) -> None:
        self.b.add(balanced_title(item.text, self.title_ems), "Title")

    def visit_contents(self, item: layout.Contents) -> None:
        self.b.add(item.label, "TOCHeading")
        _toc(self.b, item.titles)

    def visit_chapter(self, item: layout.Chapter) -> None:
        doc = item.doc
        start = len(self.b.written)
        paragraphs = self.b.article(doc, in_book=True, chapters=item.breaks)
        paragraphs[0].paragraph_format.page_break_before = True
        if region_tag(doc.meta.language) != self.profile.region:
            chapter = _profile(doc.meta.language, self.options)
            _tag_language(paragraphs, chapter)
            self.tagged.append((doc.meta.language, chapter, self.b.written[start:]))
            del self.b.written[start:]  # drawn in the chapter's own faces

    def visit_paragraph(self, block: Block) -> None:  # a book item this writer predates
        self.b.add(block.text, "Normal")


def render_book(docs: Sequence[Document], title: str, options: RenderOptions) -> Rendered:
    clean = _Cleaner()
    docs = [clean.document(d) for d in docs]
    title = clean(title)
    language = layout.book_language(docs)
    profile = _profile(language, options)
    document = _open(profile, options)
    builder = _Builder(document, profile)
    _fallback(builder, profile, options, language)
    drawer = _BookDrawer(builder, profile, options, title_measure(document))
    drawer.draw_all(layout.book(docs, title))
    meta = layout.book_meta(docs, title)
    _set_core(document, title=title, authors=[a.name for a in meta.authors],
              subject=meta.source or "", description="", language=profile.region,
              published=meta.published)
    notes = clean.warnings() + _font_notes(options) + docx_nodes.finish(builder)
    parts = None
    if profile.embed:
        plan = FontPlan()
        _plan_fonts(plan, profile, options, language, builder.written)
        for chapter_language, chapter, written in drawer.tagged:
            _plan_fonts(plan, chapter, options, chapter_language, written, whole_chapter=True)
        warnings, parts = _embed(document, profile, plan, builder)
        notes += warnings
    return Rendered(_save(document, parts), notes)


def warm_up(options: RenderOptions) -> None:
    """Import python-docx and prepare the common templates before the first article."""
    for language in ("zh-Hans", "zh-Hant"):
        _prepared(_profile(language, options))
    import docx  # noqa: F401

    if options.embed_fonts:  # read the faces' character maps once per worker
        from convert import fonts

        for face in _east_asian_faces(_profile("zh-Hans", options), options, "zh-Hans"):
            fonts.coverage(face)


WRITER = Writer(
    name="docx",
    extension=".docx",
    render=render,
    render_book=render_book,
    description="Word document (python-docx): Song body, Hei headings, East Asian tags",
    warm_up=warm_up,
    options=OPTIONS,
)
