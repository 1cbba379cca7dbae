"""Which script a character belongs to, and the common-character sets the
reader derives from the GB2312 and Big5 code tables (no data files needed).

GB2312 level 1 (3755 characters) and Big5 level 1 (5401) are the common
Simplified and Traditional characters; characters in one table but not the
other tell Simplified from Traditional text.
"""

from __future__ import annotations

import marshal
import sys
from collections.abc import Callable
from functools import cache, lru_cache

from convert import cache as cache_folder
from convert import regex_cache

# is_han's ranges as a regular-expression class (linebreak takes runs of them at once).
HAN_RANGES = "\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff\U00020000-\U000323af\u3007"


def is_han(ch: str) -> bool:
    """A CJK unified or compatibility ideograph (BMP and the supplementary planes)."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x323AF
        or o == 0x3007  # 〇
    )


def is_kana(ch: str) -> bool:
    o = ord(ch)
    return (0x3041 <= o <= 0x30FF and o not in (0x30FB, 0x30FC)) or 0x31F0 <= o <= 0x31FF


def is_hangul(ch: str) -> bool:
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def is_cjk_punct(ch: str) -> bool:
    """CJK symbols and punctuation, full-width forms (，。（）「」…)."""
    o = ord(ch)
    return 0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF or 0xFE30 <= o <= 0xFE4F


def is_cjk(ch: str) -> bool:
    """A character that belongs to East Asian text: ideograph, kana, hangul, CJK punctuation."""
    return is_han(ch) or is_kana(ch) or is_hangul(ch) or is_cjk_punct(ch)


def is_wide(ch: str) -> bool:
    """Takes two columns in a fixed-width layout (used to measure hard-wrapped lines)."""
    return is_cjk(ch) or 0x2E80 <= ord(ch) <= 0x2FDF


_WIDE_RANGES = (
    "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
    "\U00020000-\U000323af"
)
# (Each class over tens of thousands of code points costs milliseconds to compile, a
# Python step per code point: only the one display_width needs is compiled.)
_NARROW_RE = regex_cache.compile(f"[^{_WIDE_RANGES}]")
_WIDTH_PIECE = 1 << 20  # characters counted at a time (the list of narrow ones stays small)


# What XML 1.0 cannot hold (C0 controls but tab/newline/CR, lone surrogates,
# U+FFFE/FFFF): the XML-based writers strip these if one ever reaches them. Written as
# the few it excludes, not as the complement of all it allows: the same characters, and
# compiled in a fraction of a millisecond instead of fourteen.
NOT_XML = regex_cache.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def display_width(text: str) -> int:
    """Columns in a fixed-width layout: CJK characters take two."""
    if text.isascii():
        return len(text)
    if len(text) > _WIDTH_PIECE:  # a list of one string per character of a 20 MB line: GBs
        return sum(display_width(text[i : i + _WIDTH_PIECE])
                   for i in range(0, len(text), _WIDTH_PIECE))
    # The narrow ones are few in Chinese text: counting them is the quick way.
    return 2 * len(text) - len(_NARROW_RE.findall(text))


def expand_tabs(line: str, tab: int = 8, wide: Callable[[str], bool] | None = None) -> str:
    """A line of preformatted text with each tab as spaces to the next multiple of `tab`
    columns, CJK characters (`wide`, is_wide by default) counting two (str.expandtabs
    counts them one)."""
    if "\t" not in line:
        return line
    out: list[str] = []
    column = 0
    for ch in line:
        if ch == "\t":
            spaces = tab - column % tab
            out.append(" " * spaces)
            column += spaces
        else:
            out.append(ch)
            column += 2 if (wide or is_wide)(ch) else 1
    return "".join(out)


# The reader asks the width of the same lines at every stage; a line's width never changes.
line_width = lru_cache(maxsize=32768)(display_width)


def _table_hanzi(codec: str, leads: range, trails: tuple[range, ...]) -> frozenset[str]:
    """The Han characters the two-byte codes lead × trail stand for in `codec`.

    Decoded in one call, a newline after each code: a code the table lacks comes out as
    replacement characters (a CJK codec rejects a lead byte alone, then takes the trail
    for a lead, which the newline stops), never as one character, and the newline
    itself always comes through. One decode per code took 50 ms for the four tables.
    """
    codes = b"\n".join(bytes((lead, trail)) for lead in leads for trail_range in trails
                       for trail in trail_range)
    pieces = codes.decode(codec, "replace").split("\n")
    return frozenset(ch for ch in pieces if len(ch) == 1 and is_han(ch))


_GB_TRAILS = (range(0xA1, 0xFF),)
_BIG5_TRAILS = (range(0x40, 0x7F), range(0xA1, 0xFF))


@cache
def gb2312_level1() -> frozenset[str]:
    return _table_hanzi("gb2312", range(0xB0, 0xD8), _GB_TRAILS)


@cache
def gb2312_all() -> frozenset[str]:
    return _table_hanzi("gb2312", range(0xB0, 0xF8), _GB_TRAILS)


@cache
def big5_level1() -> frozenset[str]:
    return _table_hanzi("big5", range(0xA4, 0xC7), _BIG5_TRAILS)


@cache
def big5_all() -> frozenset[str]:
    return _table_hanzi("big5", range(0xA4, 0xFA), _BIG5_TRAILS)


def common_hanzi() -> frozenset[str]:
    """Characters a real Chinese text is mostly made of (either script)."""
    return _derived()[0]


def simplified_only() -> frozenset[str]:
    """Common Simplified characters that Big5 lacks (们, 这, 国 …)."""
    return _derived()[1]


def traditional_only() -> frozenset[str]:
    """Common Traditional characters that GB2312 lacks (們, 這, 國 …)."""
    return _derived()[2]


_DERIVED_FORMAT = 1


@cache
def _derived() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """The three sets above, kept in the user's cache folder (convert.cache): building
    them decodes 35,000 codes, 15–20 ms in every process that reads Chinese (each pool
    worker). Named by Python's version, whose codec tables they come from."""
    path = cache_folder.path_for("hanzi", _DERIVED_FORMAT, sys.version, suffix=".marshal")
    try:
        common, simplified, traditional = marshal.loads(cache_folder.read(path) or b"")
        return frozenset(common), frozenset(simplified), frozenset(traditional)
    except (ValueError, EOFError, TypeError):
        pass  # not there yet, or damaged: build them (and keep a good copy)
    found = (gb2312_level1() | big5_level1(), gb2312_level1() - big5_all(),
             big5_level1() - gb2312_all())
    cache_folder.write(path, marshal.dumps(tuple("".join(sorted(s)) for s in found)))
    return found


# The most frequent characters of modern Chinese (both scripts). In real text they
# make up a fifth or more of the Han characters; in mojibake about one in fifty.
FREQUENT_HANZI = frozenset(
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下"
    "自之年过发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其"
    "些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点"
    "正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西月话合回"
    "特代内信表化老给世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平"
    "系气题活更别打女变四神总何电数安少报才结反受目太量再感建务做接必场件计管期市直资命山金"
    "指许统区保至队形社便空决治展马科司五基书非则白界达光放强即难且权思王象完设式色路记南品"
    "住告类求据程北边张该交规万取格望领共确传师观清今切院让识候带导争运改收根干造言联持组每"
    "济车亲极服快办议往元证近失转令准布始未远叫单具字爱流备连调深商算质团集百需价党华城级整"
    "府离况请技际约示复病息究线官断满支视消越容照须九增研写称企八功包片委查易早曾除农找装广"
    "显李标谈图念六引历首医局专费号另周较注语仅考落青随选列武红响虽推势参希众构"
    "們這個國來為說時會對過發後裡於動現當沒種經學還進開從實軍無長機與民業將兩間問體見產"
    "頭門點題氣電數報結場資區隊書則達難權記類據邊張該規確傳觀識帶導爭運聯組濟親極辦議遠單"
    "愛條價黨華級離況請際約復線斷滿視須總萬務計議區應戰裡",
)
