"""A line's text operators written straight, the bytes reportlab's text object writes.

reportlab's PDFTextObject.textOut, per run of one face and one spacing, looks the
face up, re-derives every character's subset code (TTFont.splitString, a Python
loop over the run), formats the `Tf` template and measures the run; a CJK line is
five to ten runs (a face change, a squeezed mark, a Latin word each make one).
Here a face's codes are kept per document in a dict (char -> code), filled through
splitString itself the first time a character is drawn, so the codes are assigned
in the same order and every operator is the same text; only the work is gone.
tests/test_pdf_text.py compares the two writers' operators.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import filterfalse

from reportlab.lib.rl_accel import escapePDF, fp_str
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfgen.canvas import Canvas


class FaceCodes:
    """One TrueType face's subset codes in one document (reportlab's assignment)."""

    __slots__ = ("_doc", "_font", "_select", "codes")

    def __init__(self, name: str, doc: object) -> None:
        self._font = pdfmetrics.getFont(name)
        self._doc = doc
        self.codes: dict[str, int] = {}  # char -> subset << 8 | byte
        self._select: dict[tuple[int, float], str] = {}

    def of(self, text: str) -> list[int]:
        """The codes of `text`'s characters; a character not drawn before is given its
        code by reportlab (the next free one, as textOut would, in text order)."""
        codes = self.codes
        try:
            return list(map(codes.__getitem__, text))
        except KeyError:
            # reportlab assigns the new ones, in the order they come (codes already given
            # do not move its counter, so leaving them out changes nothing): one byte
            # per character, in (subset, bytes) pieces. A character the face lacks is
            # code 0 (.notdef) each time.
            new = "".join(dict.fromkeys(filterfalse(codes.__contains__, text)))
            pieces = self._font.splitString(new, self._doc)
            if len(pieces) == 1 and not pieces[0][0]:  # all in the first subset
                found: Iterable[int] = pieces[0][1]
            else:
                found = [subset << 8 | b for subset, data in pieces for b in data]
            codes.update(zip(new, found, strict=True))
            return list(map(codes.__getitem__, text))

    def select(self, subset: int, size: float) -> str:
        """The operator choosing a subset at `size` (reportlab's leading: 1.2 × size).
        The first call names the face in the document, as reportlab's first use does."""
        op = self._select.get((subset, size))
        if op is None:
            name = self._font.getSubsetInternalName(subset, self._doc)
            op = self._select[(subset, size)] = f"{name} {fp_str(size)} Tf {fp_str(size * 1.2)} TL"
        return op


def _faces(canvas: Canvas) -> dict[str, FaceCodes]:
    """The canvas's faces by name (a canvas has one document all its life)."""
    faces: dict[str, FaceCodes] | None = getattr(canvas, "_convert_faces", None)
    if faces is None:
        faces = canvas._convert_faces = {}  # type: ignore[attr-defined]
    return faces


def draw_runs(canvas: Canvas, x: float, y: float, color: tuple[float, ...], size: float,
              runs: Iterable[tuple[str, float, str]], fill_and_stroke: bool = False) -> None:
    """One text object at (x, y): each (face name, character spacing, text) run in turn,
    in `color` (filled, or filled and stroked: the caller sets the stroke colour and
    width). The same operators as beginText, setFillColorRGB, setTextRenderMode,
    setFont, setCharSpace, textOut and drawText would write."""
    faces = _faces(canvas)
    doc = canvas._doc
    ops = ["BT", f"1 0 0 1 {fp_str(x, y)} Tm", f"{fp_str(color)} rg"]
    append = ops.append
    if fill_and_stroke:
        append("2 Tr")
    name: str | None = None
    spacing: float | None = None
    face: FaceCodes | None = None
    subset = -1
    for run_name, run_spacing, text in runs:
        if run_name != name:
            name = run_name
            face = faces.get(name)
            if face is None:
                face = faces[name] = FaceCodes(name, doc)
            subset = -1  # setFont: the next run names its subset again
        if run_spacing != spacing or spacing is None:
            spacing = run_spacing
            append(f"{fp_str(spacing)} Tc")
        codes = face.of(text)  # type: ignore[union-attr]
        low, high = min(codes) >> 8, max(codes) >> 8
        if low == high:  # the whole run in one subset: the usual case
            if low != subset:
                subset = low
                append(face.select(subset, size))  # type: ignore[union-attr]
            data = bytes(codes) if not low else bytes([c & 0xFF for c in codes])
            append(f"({escapePDF(data)}) Tj")
            continue
        piece: list[int] = []
        for code in codes:
            if code >> 8 != subset:
                if piece:
                    append(f"({escapePDF(bytes(piece))}) Tj")
                    piece = []
                subset = code >> 8
                append(face.select(subset, size))  # type: ignore[union-attr]
            piece.append(code & 0xFF)
        append(f"({escapePDF(bytes(piece))}) Tj")
    if fill_and_stroke:
        append("0 Tr")
    append("ET")
    canvas._code.append(" ".join(ops))
