"""Text operators written straight are the ones reportlab's text object writes."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from convert import fonts
from convert.writers import pdf_fonts, pdf_text

SERIF = pdf_fonts.registered(fonts.serif_face("zh-Hans")).name
SANS = pdf_fonts.registered(fonts.sans_face()).name
LATIN = pdf_fonts.registered(fonts.latin_face()).name

# More than 256 different characters (a face's codes run into a second and third
# subset, some runs cross from one to the next), a no-break space (drawn as the
# space), characters the face lacks (code 0), repeats, and faces changing back.
HAN = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 600, 2))
LINES: list[tuple[tuple[float, float, float], float, bool, list[tuple[str, float, str]]]] = [
    ((0.0, 0.0, 0.0), 11.0, False, [(SERIF, 0.0, "新闻记者，报道。"), (LATIN, 0.0, "Reuters"),
                                     (SERIF, 1.25, "吉林"), (SERIF, -2.5, "。")]),
    ((0.38, 0.38, 0.38), 9.0, False, [(SERIF, 0.0, HAN[:200]), (SERIF, 0.5, HAN[150:])]),
    ((0.0, 0.0, 0.0), 20.0, True, [(SANS, 0.0, "标题\u00a0 黑体"), (SERIF, 0.0, "\uffff𪚥"),
                                    (SANS, 0.0, "标题"), (SANS, 0.3, "题")]),
    ((0.0, 0.0, 0.0), 11.0, False, [(SERIF, 0.0, HAN[::-1]), (LATIN, 0.1, "naïve\u00a0café")]),
]


def _reportlab(canvas: Canvas, x: float, y: float, color: tuple[float, float, float],
               size: float, bold: bool, runs: list[tuple[str, float, str]]) -> None:
    """The line as reportlab's text object writes it (pdf.py's drawing before)."""
    text = canvas.beginText(x, y)
    text.setFillColorRGB(*color)
    if bold:
        text.setTextRenderMode(2)
    current: tuple[str, float] | None = None
    for name, spacing, chars in runs:
        if current is None or current[0] != name:
            text.setFont(name, size)
        if current is None or current[1] != spacing:
            text.setCharSpace(spacing)
        current = (name, spacing)
        text.textOut(chars)
    if bold:
        text.setTextRenderMode(0)
    canvas.drawText(text)


def _canvas() -> Canvas:
    return Canvas(io.BytesIO(), invariant=1, initialFontName=SERIF)


def test_every_line_and_the_file_are_the_same_bytes() -> None:
    theirs, ours = _canvas(), _canvas()
    for n, (color, size, bold, runs) in enumerate(LINES * 2):  # again: codes now known
        _reportlab(theirs, 72.0, 700.0 - 20 * n, color, size, bold, runs)
        pdf_text.draw_runs(ours, 72.0, 700.0 - 20 * n, color, size, runs, fill_and_stroke=bold)
        assert ours._code[-1] == theirs._code[-1]
    for canvas in (theirs, ours):
        # Drawn by reportlab's text object on the same page: the codes are shared.
        _reportlab(canvas, 72.0, 40.0, (0.38, 0.38, 0.38), 9.0, False, [(SERIF, 0.0, "— 1 —")])
        canvas.showPage()
        _reportlab(canvas, 72.0, 700.0, (0, 0, 0), 11.0, False, [(SERIF, 0.0, HAN[:50] + "页")])
    assert ours._code == theirs._code
    assert ours.getpdfdata() == theirs.getpdfdata()  # the same subsets, names and widths


def test_runs_cross_into_the_next_subset_without_losing_a_character() -> None:
    canvas = _canvas()
    pdf_text.draw_runs(canvas, 0, 0, (0, 0, 0), 10.0, [(SERIF, 0.0, HAN)])
    code = canvas._code[-1]
    assert code.count(" Tf ") == 2  # the 300 characters fill subset 0, then go on in 1
    assert code.startswith("BT 1 0 0 1 0 0 Tm 0 0 0 rg 0 Tc /F1+0 10 Tf 12 TL (")
    assert code.endswith(") Tj ET")
