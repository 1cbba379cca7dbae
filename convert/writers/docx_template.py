"""The DOCX starting point: styles, fonts, page and footer, prepared once per process.

python-docx spends most of an article's time opening its default template
(350 KB of styles, another 440 KB of stylesWithEffects) and saving it again.
We strip that template to the parts a news article needs, write our own
styles and font table for the article's language, and keep the saved
package bytes; every document then starts from a copy of those bytes.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache

from convert import locale
from convert.presentation import region_tag

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f'xmlns:w="{W_NS}"'


def quoteattr(value: str) -> str:
    """An XML attribute value with its quotes, as xml.sax.saxutils.quoteattr writes it,
    without importing that module (it brings urllib.request, http.client and ssl:
    15 ms of every DOCX run's start-up)."""
    value = value.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    value = value.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"{}"'.format(value.replace('"', "&quot;"))


@dataclass(frozen=True, slots=True)
class FontSpec:
    """One fontTable entry: the name styles use, what to try when it is missing."""

    name: str
    alt_names: tuple[str, ...] = ()  # w:altName: Word tries these before metric matching
    panose: str = "00000000000000000000"
    charset: str = "00"  # 86 = GB2312, 88 = Big5, 80 = Shift-JIS
    family: str = "auto"
    pitch: str = "variable"


# Names Chinese users have (Windows ships these), then the local name and the
# bundled family (fonts/uming.ttc, fonts/wqy-microhei.ttc) as w:altName.
# LibreOffice ignores altName; it finds the bundled faces through fontconfig
# and its own replacement table, which map SimSun/PMingLiU/SimHei to them.
SIMSUN = FontSpec("SimSun", ("宋体", "AR PL UMing CN"), "02010600030101010101", "86")
SIMHEI = FontSpec("SimHei", ("黑体", "WenQuanYi Micro Hei"), "02010609060101010101", "86",
                  "modern", "fixed")
PMINGLIU = FontSpec("PMingLiU", ("新細明體", "AR PL UMing TW"), "02020500000000000000", "88",
                    "roman")
PMINGLIU_HK = FontSpec("PMingLiU", ("新細明體", "AR PL UMing HK"), "02020500000000000000", "88",
                       "roman")
JHENGHEI = FontSpec("Microsoft JhengHei", ("微軟正黑體", "WenQuanYi Micro Hei"),
                    "020B0604030504040204", "88", "swiss")
MINCHO = FontSpec("MS Mincho", ("ＭＳ 明朝",), "02020609040205080304", "80", "modern", "fixed")
GOTHIC = FontSpec("MS Gothic", ("ＭＳ ゴシック",), "020B0609070205080204", "80", "modern",
                  "fixed")
BATANG = FontSpec("Batang", ("바탕",), "02030600000101010101", "81", "roman")
MALGUN = FontSpec("Malgun Gothic", ("맑은 고딕",), "020B0503020000020004", "81", "swiss")
TIMES = FontSpec("Times New Roman", ("Liberation Serif",), "02020603050405020304", "00", "roman")
ARIAL = FontSpec("Arial", ("Liberation Sans",), "020B0604020202020204", "00", "swiss")

# region tag -> (body East Asian face, heading East Asian face)
_CJK_FACES: dict[str, tuple[FontSpec, FontSpec]] = {
    "zh-CN": (SIMSUN, SIMHEI),
    "zh-SG": (SIMSUN, SIMHEI),
    "zh-TW": (PMINGLIU, JHENGHEI),
    "zh-HK": (PMINGLIU_HK, JHENGHEI),
    "zh-MO": (PMINGLIU_HK, JHENGHEI),
    "ja-JP": (MINCHO, GOTHIC),
    "ko-KR": (BATANG, MALGUN),
}


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything language-dependent in the template; one prepared package per profile."""

    region: str  # zh-CN, zh-TW, en-US, … (w:lang and core properties)
    cjk: bool
    body: FontSpec
    heading: FontSpec
    latin_body: FontSpec = TIMES
    latin_heading: FontSpec = ARIAL
    embed: bool = False  # --embed-fonts: settings ask readers to use the embedded faces

    @property
    def east_asian_lang(self) -> str:
        # A Latin document still names an East Asian language, for stray CJK runs.
        return self.region if self.cjk else "zh-CN"

    @property
    def latin_lang(self) -> str:
        return "en-US" if self.cjk else self.region


def _embedded_spec(usual: FontSpec, family: str) -> FontSpec:
    """The embedded family named first, the usual face and its local name as w:altName."""
    alt = tuple(dict.fromkeys(n for n in (usual.name, *usual.alt_names) if n != family))
    # The bundled faces are proportional (SimHei's "fixed" pitch is not theirs).
    return replace(usual, name=family, alt_names=alt[:2], pitch="variable")


def profile_for(language: str, body_family: str | None = None, *,
                embed: bool = False) -> Profile:
    """The profile for a model language ('zh-Hans' -> zh-CN with SimSun/SimHei).

    With `embed`, the East Asian faces are the bundled families the document
    embeds (AR PL UMing CN/TW/HK, WenQuanYi Micro Hei), the usual ones as
    alternatives: styles must name the embedded family for readers to use it.
    """
    region = region_tag(language)
    cjk = locale.is_cjk(language)
    body, head = _CJK_FACES.get(region, (SIMSUN, SIMHEI))
    if embed:
        from convert.fonts import SANS_FAMILY, serif_family

        body = _embedded_spec(body, serif_family(language))
        head = _embedded_spec(head, SANS_FAMILY)
    latin_body = TIMES
    if body_family:  # --font-family: the user's face for the body text
        custom = FontSpec(body_family)
        body = custom if cjk else body
        latin_body = latin_body if cjk else custom
    return Profile(region=region, cjk=cjk, body=body, heading=head, latin_body=latin_body,
                   embed=embed)


# -- styles.xml ---------------------------------------------------------------------------

GREY = "595959"
LIGHT_GREY = "7F7F7F"


def _rpr(p: Profile, *, heading: bool = False, size: int | None = None, color: str | None = None,
         bold: bool = False, lang: bool = False) -> str:
    """Run properties; size in half-points. Fonts named explicitly (no theme fonts)."""
    ea = p.heading if heading else p.body
    latin = p.latin_heading if heading else p.latin_body
    parts = [
        f"<w:rFonts w:ascii={quoteattr(latin.name)} w:hAnsi={quoteattr(latin.name)} "
        f"w:eastAsia={quoteattr(ea.name)} w:cs={quoteattr(latin.name)}/>"
    ]
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if size:
        parts.append(f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>')
    if lang:
        parts.append(
            f'<w:lang w:val="{p.latin_lang}" w:eastAsia="{p.east_asian_lang}" w:bidi="ar-SA"/>'
        )
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


BODY_HALF_POINTS = 24  # 12 pt (小四)
LINE_1_5 = 360  # w:line in 240ths of a line: 1.5 lines


def _no_indent() -> str:
    # firstLineChars wins over firstLine in Word, so both must be cleared.
    return '<w:ind w:firstLine="0" w:firstLineChars="0"/>'


def _body_indent(p: Profile) -> str:
    if p.cjk:
        # Two characters whatever the size; the twips value is for readers
        # that ignore the *Chars attributes.
        return f'<w:ind w:firstLineChars="200" w:firstLine="{BODY_HALF_POINTS * 20}"/>'
    return '<w:ind w:firstLine="360"/>'


def _pstyle(style_id: str, name: str, ppr: str, rpr: str, *, based_on: str | None = "Normal",
            next_id: str | None = None, extra: str = "", default: bool = False) -> str:
    attrs = ' w:default="1"' if default else ""
    inner = f"<w:name w:val={quoteattr(name)}/>"
    if based_on:
        inner += f'<w:basedOn w:val="{based_on}"/>'
    if next_id:
        inner += f'<w:next w:val="{next_id}"/>'
    inner += extra + f"<w:pPr>{ppr}</w:pPr>{rpr}"
    return f'<w:style w:type="paragraph"{attrs} w:styleId="{style_id}">{inner}</w:style>'


HEADING_SIZES = (32, 28, 24, 24)  # 三号, 四号, 小四, 小四 (half-points)
TITLE_SIZE = 44  # 二号 (half-points)
MAX_HEADING = len(HEADING_SIZES)


def styles_xml(p: Profile) -> bytes:
    q = "<w:qFormat/>"
    body_ppr = (
        # autoSpaceDE/DN: Word's quarter-em gap between Chinese and Latin letters / digits
        # (clreq), on explicitly rather than by default.
        '<w:widowControl/><w:autoSpaceDE w:val="1"/><w:autoSpaceDN w:val="1"/>'
        '<w:spacing w:before="0" w:after="0" '
        f'w:line="{LINE_1_5}" w:lineRule="auto"/>{_body_indent(p)}<w:jc w:val="both"/>'
    )
    styles = [
        _pstyle("Normal", "Normal", body_ppr, _rpr(p, lang=True), based_on=None, default=True,
                extra=q),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/>'
        "<w:unhideWhenUsed/></w:style>",
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal">'
        '<w:name w:val="Normal Table"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr>'
        '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
        '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
        '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList">'
        '<w:name w:val="No List"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _pstyle("Title", "Title",
                f'<w:keepNext/><w:spacing w:before="240" w:after="120" w:line="{LINE_1_5}" '
                f'w:lineRule="auto"/>{_no_indent()}<w:jc w:val="center"/><w:outlineLvl w:val="9"/>',
                _rpr(p, heading=True, size=TITLE_SIZE, bold=not p.cjk), next_id="Normal", extra=q),
        _pstyle("Subtitle", "Subtitle",
                f'<w:keepNext/><w:spacing w:after="120"/>{_no_indent()}<w:jc w:val="center"/>',
                _rpr(p, heading=True, size=30), next_id="Normal", extra=q),
        _pstyle("ArticleMeta", "Article Meta",
                # keepNext: the title block never ends a page without the text under it.
                f'<w:keepNext/><w:spacing w:after="360" w:line="300" w:lineRule="auto"/>'
                f'{_no_indent()}'
                '<w:jc w:val="center"/>',
                _rpr(p, size=21, color=GREY), next_id="Normal", extra=q),
    ]
    for i, size in enumerate(HEADING_SIZES, start=1):
        styles.append(_pstyle(
            f"Heading{i}", f"heading {i}",
            f'<w:keepNext/><w:keepLines/><w:spacing w:before="{300 - 40 * i}" w:after="120" '
            f'w:line="{LINE_1_5}" w:lineRule="auto"/>{_no_indent()}<w:jc w:val="left"/>'
            f'<w:outlineLvl w:val="{i - 1}"/>',
            _rpr(p, heading=True, size=size, bold=not p.cjk), next_id="Normal",
            extra='<w:uiPriority w:val="9"/>' + q))
    styles += [
        _pstyle("Rights", "Rights",
                f'<w:spacing w:before="60" w:after="0" w:line="300" w:lineRule="auto"/>'
                f'{_no_indent()}<w:jc w:val="both"/>',
                _rpr(p, size=18, color=LIGHT_GREY), extra=q),
        _pstyle("Editors", "Editors",
                f'<w:spacing w:before="120" w:after="120"/>{_no_indent()}<w:jc w:val="right"/>',
                _rpr(p, size=21, color=GREY), extra=q),
        _pstyle("Header", "header",
                f'<w:tabs><w:tab w:val="center" w:pos="4153"/><w:tab w:val="right" w:pos="8306"/>'
                f'</w:tabs><w:spacing w:line="240" w:lineRule="auto"/>{_no_indent()}'
                '<w:jc w:val="center"/>', _rpr(p, size=18)),
        _pstyle("Footer", "footer",
                f'<w:spacing w:line="240" w:lineRule="auto"/>{_no_indent()}<w:jc w:val="center"/>',
                _rpr(p, size=18, color=GREY)),
        _pstyle("TOCHeading", "TOC Heading",
                '<w:jc w:val="center"/><w:outlineLvl w:val="9"/>', "", based_on="Heading1",
                next_id="Normal", extra='<w:uiPriority w:val="39"/>' + q),
    ]
    for i in range(1, 4):
        styles.append(_pstyle(
            f"TOC{i}", f"toc {i}",
            f'<w:spacing w:after="60"/><w:ind w:left="{(i - 1) * 420}" w:firstLine="0" '
            'w:firstLineChars="0"/><w:jc w:val="left"/>',
            "", next_id="Normal", extra='<w:uiPriority w:val="39"/>'))
    doc_defaults = (
        f"<w:docDefaults><w:rPrDefault>{_rpr(p, size=BODY_HALF_POINTS, lang=True)}"
        # Widow/orphan control for every paragraph, whatever its style (Normal has it too):
        # no paragraph leaves a single line at a page's foot or head.
        "</w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/><w:spacing w:after=\"0\"/>"
        "</w:pPr></w:pPrDefault>"
        "</w:docDefaults>"
    )
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<w:styles {_W}>{doc_defaults}{''.join(styles)}</w:styles>"
    )
    return xml.encode("utf-8")


R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def font_table_xml(p: Profile, embedded: Mapping[str, tuple[str, str]] | None = None,
                   extra: Sequence[FontSpec] = ()) -> bytes:
    """word/fontTable.xml. `embedded` maps a font name to (relationship id, w:fontKey)
    of its embedded part; `extra` are faces only some runs name (a book's chapters)."""
    seen: dict[str, FontSpec] = {}
    for spec in (p.latin_body, p.latin_heading, p.body, p.heading, *extra):
        seen.setdefault(spec.name, spec)
    fonts = []
    for spec in seen.values():
        alt = f"<w:altName w:val={quoteattr(','.join(spec.alt_names))}/>" if spec.alt_names else ""
        embed = ""
        if embedded and spec.name in embedded:
            r_id, key = embedded[spec.name]
            # CT_Font's sequence puts the embed* elements last, after pitch (and sig).
            embed = f'<w:embedRegular r:id="{r_id}" w:fontKey="{key}" w:subsetted="1"/>'
        fonts.append(
            f"<w:font w:name={quoteattr(spec.name)}>{alt}<w:panose1 w:val=\"{spec.panose}\"/>"
            f'<w:charset w:val="{spec.charset}"/><w:family w:val="{spec.family}"/>'
            f'<w:pitch w:val="{spec.pitch}"/>{embed}</w:font>'
        )
    namespaces = f'{_W} xmlns:r="{R_NS}"' if embedded else _W
    xml = (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f"<w:fonts {namespaces}>{''.join(fonts)}</w:fonts>"
    )
    return xml.encode("utf-8")


APP_XML = (
    b"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
    b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
    b'extended-properties" '
    b'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    b"<Template>Normal.dotm</Template><Application>convert (python-docx)</Application>"
    b"<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    b"<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    b"<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
)

# Page: A4, Word's Chinese default margins (2.54 cm top/bottom, 3.17 cm sides).
A4_TWIPS = (11906, 16838)
MARGINS_TWIPS = {"top": 1440, "bottom": 1440, "left": 1800, "right": 1800,
                 "header": 851, "footer": 992, "gutter": 0}

# Relationship types of template parts an article does not need.
_UNNEEDED_RELS = ("stylesWithEffects", "webSettings", "customXml", "thumbnail")


def _append_page_field(paragraph_element) -> None:  # type: ignore[no-untyped-def]
    """A real PAGE field (begin / instruction / separate / cached '1' / end)."""
    from docx.oxml import parse_xml

    runs = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>',
        '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>',
        "<w:r><w:t>1</w:t></w:r>",
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    )
    for run in runs:
        paragraph_element.append(parse_xml(run.replace("<w:r>", f"<w:r {_W}>", 1)))


def _build(p: Profile) -> bytes:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn
    from docx.shared import Twips

    document = docx.Document()
    package = document.part.package
    for rels in (package.rels, document.part.rels):
        for r_id, rel in list(rels.items()):
            if any(rel.reltype.endswith(kind) for kind in _UNNEEDED_RELS):
                rels.pop(r_id)

    # Our styles replace python-docx's 350 KB (blue, theme-font) set wholesale.
    styles = document.styles.element
    for child in list(styles):
        styles.remove(child)
    for child in parse_xml(styles_xml(p)):
        styles.append(child)

    for rel in document.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            # A plain Part in python-docx: its bytes are what gets saved.
            rel.target_part._blob = font_table_xml(p)
    for rel in package.rels.values():
        if rel.reltype.endswith("/extended-properties"):
            rel.target_part._blob = APP_XML

    settings = document.settings.element
    for tag in ("w:rsids", "w:savePreviewPicture", "w:proofState"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    for el in settings.findall(qn("w:themeFontLang")):
        el.set(qn("w:val"), p.latin_lang)
        el.set(qn("w:eastAsia"), p.east_asian_lang)
    for el in settings.findall(qn("w:characterSpacingControl")):
        # Punctuation compression (标点挤压): `。”` and `）、` without a double gap.
        el.set(qn("w:val"), "compressPunctuation" if p.cjk else "doNotCompress")
    if not p.cjk:
        # English is hyphenated, as the PDF and EPUB are (CT_Settings: after defaultTabStop).
        settings.find(qn("w:defaultTabStop")).addnext(parse_xml(f"<w:autoHyphenation {_W}/>"))
    if p.embed:
        # Word reads embedded fonts only with embedTrueTypeFonts; saveSubsetFonts says
        # they are subsets (and keeps them so when Word saves). CT_Settings puts both
        # right after w:zoom (nothing between in our settings).
        zoom = settings.find(qn("w:zoom"))
        for tag in ("w:saveSubsetFonts", "w:embedTrueTypeFonts"):
            zoom.addnext(parse_xml(f"<{tag} {_W}/>"))

    section = document.sections[0]
    section.page_width, section.page_height = (Twips(v) for v in A4_TWIPS)
    section.top_margin = Twips(MARGINS_TWIPS["top"])
    section.bottom_margin = Twips(MARGINS_TWIPS["bottom"])
    section.left_margin = Twips(MARGINS_TWIPS["left"])
    section.right_margin = Twips(MARGINS_TWIPS["right"])
    section.header_distance = Twips(MARGINS_TWIPS["header"])
    section.footer_distance = Twips(MARGINS_TWIPS["footer"])
    sect_pr = section._sectPr
    for attr in ("w:rsidR", "w:rsidRPr", "w:rsidSect"):
        sect_pr.attrib.pop(qn(attr), None)
    footer_paragraph = section.footer.paragraphs[0]
    footer_paragraph.style = document.styles["Footer"]
    _append_page_field(footer_paragraph._p)

    core = document.core_properties
    core.title = core.subject = core.keywords = core.comments = core.category = ""
    core.author = core.last_modified_by = ""
    core.revision = 1
    core_el = core._element
    for tag in ("dcterms:created", "dcterms:modified", "cp:lastPrinted"):
        for el in core_el.findall(qn(tag)):
            core_el.remove(el)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@cache
def template_bytes(p: Profile) -> bytes:
    """The prepared package for a profile, built once per process."""
    return _build(p)
