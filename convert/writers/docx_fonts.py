"""--embed-fonts for DOCX: subsets of the body and heading faces inside the package.

OOXML (ECMA-376 Part 1, §17.8.1 and §17.8.3.3) stores an embedded font as an
obfuscated part, word/fonts/fontN.odttf, related from word/fontTable.xml and
named by `<w:embedRegular r:id=… w:fontKey="{GUID}"/>` in the w:font entry the
styles' w:rFonts name. Obfuscation XORs the font's first 32 bytes with the
GUID's 16 bytes in reverse order (twice); undoing it is the same XOR.

The GUID is a uuid5 of the subset's bytes, so the same document gives the
same file. Subsets are TrueType (Word embeds nothing else) and cover what each
face draws: the Ming body face every non-heading paragraph, the Hei face the
title, subtitle and headings. A character the paragraph's face lacks (a rare
name character, CJK Extension B) gets a run of its own naming the first bundled
fallback face that has it (other UMing regions, HanaMin A/B, the Hei face), and
that face is embedded too, cut to just those characters.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from convert.writers.docx_template import FontSpec, Profile, font_table_xml

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

    from convert.fonts import FontFace

OBFUSCATED_FONT = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FONT_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/font"

# Any fixed namespace: the key only has to be a GUID that follows from the font bytes.
_KEY_NAMESPACE = uuid.UUID("6f1c4a2e-9b53-5d1e-8a8f-3c2f0d6b7e41")

# Paragraph styles drawn in the heading (Hei) face; everything else uses the body face.
HEADING_STYLES = frozenset(
    {"Title", "Subtitle", "TOCHeading", *(f"Heading{i}" for i in range(1, 5))}
)


def font_key(data: bytes) -> str:
    """A GUID, braces and upper case as Word writes it, derived from the font bytes."""
    digest = hashlib.sha256(data).hexdigest()
    return "{" + str(uuid.uuid5(_KEY_NAMESPACE, digest)).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """XOR the first 32 bytes with the key's bytes reversed; applied twice it undoes itself."""
    guid = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(b ^ guid[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]


@dataclass(frozen=True, slots=True)
class DocxFont:
    """One embedded face: the name styles use, its subset, and how it was cut."""

    spec: FontSpec  # the w:font entry (name = the family the styles' w:rFonts name)
    face: FontFace
    data: bytes  # the TrueType subset, not obfuscated


class FontPlan:
    """Collects, per face, the text it has to draw; then cuts one subset each."""

    def __init__(self) -> None:
        self._faces: dict[str, tuple[FontSpec, FontFace]] = {}
        self._text: dict[str, list[str]] = {}
        self.rescued: set[str] = set()  # characters a fallback face draws instead

    def add(self, spec: FontSpec, face: FontFace, texts: Iterable[str]) -> None:
        self._faces.setdefault(spec.name, (spec, face))
        self._text.setdefault(spec.name, []).extend(texts)

    def fonts(self) -> tuple[list[DocxFont], list[str]]:
        """The subsets, and a warning per face for characters it cannot draw."""
        from convert import fonts

        out, warnings = [], []
        for name, (spec, face) in self._faces.items():
            text = "".join(self._text[name])
            data = fonts.subset_for_text(face, text, to_truetype=True)
            out.append(DocxFont(spec, face, data))
            have = fonts.coverage(face)
            missing = [c for c in dict.fromkeys(text)  # unique, in order of appearance
                       if ord(c) not in have and not c.isspace() and ord(c) >= 0x20
                       and c not in self.rescued]
            if missing:
                shown = "".join(missing[:20]) + ("…" if len(missing) > 20 else "")
                warnings.append(f"docx: the embedded font {name!r} lacks {len(missing)} "
                                f"character(s): {shown}; readers draw them with their own fonts")
        return out, warnings


class Fallback:
    """Splits a paragraph's text into runs: its style's face, or a fallback family."""

    def __init__(self, body: FontFace, heading: FontFace, language: str) -> None:
        from convert import fonts
        from convert.errors import ConvertError

        self._have = {False: fonts.coverage(body), True: fonts.coverage(heading)}
        try:
            self._chain = fonts.bundled_fallbacks(language)
        except ConvertError:
            self._chain = []  # a clone without the bundled fonts: the warnings say so
        self._coverage = fonts.coverage
        self._choice: dict[str, FontFace | None] = {}
        self.used: dict[str, tuple[FontFace, list[str]]] = {}  # family -> face, characters

    def _face_for(self, ch: str) -> FontFace | None:
        if ch not in self._choice:
            self._choice[ch] = next(
                (f for f in self._chain if ord(ch) in self._coverage(f)), None)
        return self._choice[ch]

    def split(self, text: str, style_id: str) -> list[tuple[str, str | None]]:
        """[(segment, fallback family or None for the style's own face)], in order."""
        have = self._have[style_id in HEADING_STYLES]
        if all(ord(ch) in have for ch in set(text)):
            return [(text, None)]
        segments: list[tuple[str, str | None]] = []
        for ch in text:
            family = None
            if ord(ch) not in have and not ch.isspace() and ord(ch) >= 0x20:
                face = self._face_for(ch)
                if face is not None:
                    family = face.family
                    self.used.setdefault(family, (face, []))[1].append(ch)
            if segments and segments[-1][1] == family:
                segments[-1] = (segments[-1][0] + ch, family)
            else:
                segments.append((ch, family))
        return segments

    def plan(self, plan: FontPlan) -> None:
        """Embed each fallback face used, cut to the characters it was chosen for."""
        for family, (face, chars) in self.used.items():
            plan.add(FontSpec(family), face, chars)
            plan.rescued.update(chars)


def embed(document: DocxDocument, profile: Profile,
          embedded: Sequence[DocxFont]) -> dict[str, bytes]:
    """Add the font parts, their relationships and the font table naming them.

    The parts are saved empty; the returned {zip entry: obfuscated font} fills
    them in when the package is rewritten (docx_zip.fixed_zip).
    """
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    table = next(rel.target_part for rel in document.part.rels.values()
                 if rel.reltype.endswith("/fontTable"))
    keys: dict[str, tuple[str, str]] = {}
    contents: dict[str, bytes] = {}
    for n, font in enumerate(embedded, 1):
        key = font_key(font.data)
        name = f"word/fonts/font{n}.odttf"
        part = Part(PackURI("/" + name), OBFUSCATED_FONT, b"", document.part.package)
        keys[font.spec.name] = (table.relate_to(part, FONT_REL), key)
        contents[name] = obfuscate(font.data, key)
    table._blob = font_table_xml(profile, keys, [f.spec for f in embedded])
    return contents
