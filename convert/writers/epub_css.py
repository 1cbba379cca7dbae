"""The book's stylesheet: Chinese typesetting conventions for e-readers.

Scripts are chosen by a class on <body> (zh-hans, zh-hant, ja, ko, latin)
rather than :lang(), because Adobe RMSDK-based readers ignore :lang().
CJK body text: a Song/Ming face, 2em first-line indent, justified, line
height 1.8, strict line breaking (kinsoku) and hanging end punctuation where
the reader honours them. Titles and headings use a Hei (sans) face.
Latin text gets a book serif with the indent only between paragraphs, the
convention of English books; a 2em indent under a heading looks wrong there.
Page breaks where the reader paginates: no paragraph leaves one line alone at
a page's foot or head (orphans, widows), headings and the title block stay
with what follows, and a paragraph's last two Han characters stay together.
"""

from __future__ import annotations

from collections.abc import Sequence

SERIF = {
    "zh-hans": [
        "Songti SC", "STSong", "Noto Serif CJK SC", "Source Han Serif SC", "Noto Serif SC",
        "SimSun", "AR PL UMing CN",
    ],
    "zh-hant": [
        "Songti TC", "PMingLiU", "MingLiU", "Noto Serif CJK TC", "Source Han Serif TC",
        "Noto Serif TC", "AR PL UMing TW",
    ],
    "ja": ["Hiragino Mincho ProN", "Yu Mincho", "Noto Serif CJK JP", "Source Han Serif JP"],
    "ko": ["AppleMyungjo", "Noto Serif CJK KR", "Source Han Serif KR", "Batang"],
    "latin": ["Georgia", "Palatino Linotype", "Palatino", "Book Antiqua", "Charter",
              "Noto Serif", "Liberation Serif", "Times New Roman"],
}
SANS = {
    "zh-hans": [
        "PingFang SC", "Heiti SC", "STHeiti", "Noto Sans CJK SC", "Source Han Sans SC",
        "Microsoft YaHei", "SimHei", "WenQuanYi Micro Hei",
    ],
    "zh-hant": [
        "PingFang TC", "Heiti TC", "Noto Sans CJK TC", "Source Han Sans TC",
        "Microsoft JhengHei", "WenQuanYi Micro Hei",
    ],
    "ja": ["Hiragino Sans", "Yu Gothic", "Noto Sans CJK JP", "Source Han Sans JP"],
    "ko": ["Apple SD Gothic Neo", "Noto Sans CJK KR", "Source Han Sans KR", "Malgun Gothic"],
    "latin": ["Helvetica Neue", "Helvetica", "Arial", "Noto Sans", "Liberation Sans"],
}

_BASE = """\
html, body { margin: 0; padding: 0; }
body { line-height: 1.8; }
p { margin: 0; text-align: justify; orphans: 2; widows: 2; }
h1, h2, h3, h4, h5, h6 { line-height: 1.4; text-indent: 0; text-align: left;
  page-break-after: avoid; break-after: avoid; page-break-inside: avoid;
  break-inside: avoid; }
/* A paragraph's last two Han characters (and closing marks) never part: no last
   line of one character (clreq). */
span.nobr { white-space: nowrap; }
h1 { font-size: 1.5em; margin: 0.5em 0 0.6em; }
h2 { font-size: 1.2em; margin: 1.4em 0 0.6em; }
h3 { font-size: 1.05em; margin: 1.2em 0 0.5em; }
h4, h5, h6 { font-size: 1em; margin: 1em 0 0.4em; }
.title-block { margin-bottom: 1.6em; page-break-after: avoid; break-after: avoid; }
p.subtitle { text-indent: 0; font-size: 1.1em; margin-bottom: 0.4em; }
p.meta { text-indent: 0; text-align: left; font-size: 0.85em; color: #555555; }
p.editors { text-indent: 0; text-align: right; margin-top: 1em; font-size: 0.9em; }
section.rights { margin-top: 2em; padding-top: 0.6em; border-top: 1px solid #999999;
  font-size: 0.8em; line-height: 1.6; color: #555555; }
section.rights p { text-indent: 0; margin-bottom: 0.4em; }
nav ol { list-style-type: none; padding-left: 1.2em; }
nav > ol { padding-left: 0; }

/* CJK: 2em indent, justified, kinsoku, hanging end punctuation (Apple Books). */
body.cjk p { text-indent: 2em; line-break: strict; -webkit-line-break: strict;
  -epub-line-break: strict; word-break: normal; overflow-wrap: break-word;
  hanging-punctuation: allow-end last; text-justify: inter-character; }
body.cjk h1 { text-align: center; }
body.cjk .title-block p.subtitle, body.cjk .title-block p.meta { text-align: center; }
body.cjk section.rights p, body.cjk p.editors, body.cjk p.meta, body.cjk p.subtitle
  { text-indent: 0; }

/* clreq: a quarter em between Chinese and Latin letters or digits, none at line
   edges; full-width punctuation compressed where two marks meet (CSS Text 4). */
body.cjk { text-autospace: normal; text-spacing-trim: normal; }

/* Latin: book paragraphs, indented only after another paragraph. */
body.latin { line-height: 1.5; }
body.latin p { hyphens: auto; -webkit-hyphens: auto; -epub-hyphens: auto; }
body.latin p + p { text-indent: 1.5em; }
body.latin p.editors, body.latin section.rights p { text-indent: 0; }
"""


def _stack(names: list[str], generic: str) -> str:
    return ", ".join([f'"{n}"' if " " in n else n for n in names] + [generic])


def stylesheet(embedded: Sequence[tuple[str, str]] = ()) -> str:
    """The CSS; embedded (family, file) fonts get an @font-face and lead every stack."""
    rules = [
        f'@font-face {{ font-family: "{family}"; font-style: normal; '
        f'font-weight: normal; src: url("{file_name}"); }}\n'
        for family, file_name in embedded
    ]
    lead = list(dict.fromkeys(family for family, _ in embedded))
    rules.append(_BASE)
    for script in SERIF:
        # An embedded family leads both stacks: a reader without CJK fonts
        # would otherwise fall back to tofu for headings.
        # Latin text keeps its own book faces first: the embedded faces are CJK ones.
        first, last = ([], lead) if script == "latin" else (lead, [])
        serif = _stack(first + SERIF[script] + last, "serif")
        sans = _stack(SANS[script] + lead, "sans-serif")
        rules.append(f"body.{script} {{ font-family: {serif}; }}\n")
        if script != "latin":
            # “ ’ — in a Latin run of Chinese text: the Latin faces first (proportional marks).
            latin_serif = _stack(SERIF["latin"] + first, "serif")
            latin_sans = _stack(SANS["latin"] + lead, "sans-serif")
            rules.append(f"body.{script} span.lt {{ font-family: {latin_serif}; }}\n")
            rules.append(f"body.{script} h1 span.lt, body.{script} h2 span.lt, "
                         f"body.{script} h3 span.lt {{ font-family: {latin_sans}; }}\n")
        rules.append(f"body.{script} h1, body.{script} h2, body.{script} h3, "
                     f"body.{script} h4, body.{script} h5, body.{script} h6 "
                     f"{{ font-family: {sans}; }}\n")
    # A mark between Chinese characters in an English article: the CJK face, full width.
    cjk_serif = _stack(SERIF["zh-hans"] + lead, "serif")
    rules.append(f"body.latin span.ck {{ font-family: {cjk_serif}; }}\n")
    return "".join(rules)
