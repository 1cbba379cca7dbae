"""Character widths kept per process: shared by documents set in the same faces only."""

from __future__ import annotations

from convert import fonts
from convert.linebreak import Atoms, atoms_for
from convert.writers.base import RenderOptions
from convert.writers.pdf_fonts import document_fonts
from convert.writers.pdf_layout import BODY, TITLE, Flow


def _width(flow: Flow, ch: str, size: float, latin: bool = False) -> float:
    """What the chain's own face gives, without any cache."""
    chain = flow.fonts.body
    return (chain.font_for(ch, latin) or chain.primary).width(ch) * size


def test_documents_in_the_same_faces_share_widths_and_atoms() -> None:
    first = Flow(document_fonts("市政府今天召开新闻发布会。", RenderOptions(), "zh-Hans"))
    second = Flow(document_fonts("记者从交通部门获悉，地铁延长。", RenderOptions(), "zh-Hans"))
    assert first.measure(BODY) is second.measure(BODY)
    # A character the first document never had is measured in the second one's faces.
    assert second.measure(BODY)("获") == _width(second, "获", BODY.size)
    assert second.measure(BODY)("A") == _width(second, "A", BODY.size)
    # The line breaker's atoms live with the measure: made once for both documents.
    kept = atoms_for(second.measure(BODY))
    assert kept is atoms_for(first.measure(BODY))
    assert kept["获"].width == second.measure(BODY)("获")


def test_sizes_and_latin_marks_are_measured_apart() -> None:
    flow = Flow(document_fonts("“他说”", RenderOptions(), "zh-Hans"))
    assert flow.measure(TITLE)("他") == _width(flow, "他", TITLE.size)
    assert flow.measure(BODY)("他") == _width(flow, "他", BODY.size)
    # “ in Latin text takes the Latin serif's narrow mark, in Chinese the full-width one.
    latin = flow.measure(BODY, latin=True)("“")
    assert latin == _width(flow, "“", BODY.size, latin=True)
    assert latin < flow.measure(BODY)("“") == _width(flow, "“", BODY.size)


def test_a_document_in_other_faces_gets_its_own_widths() -> None:
    plain = Flow(document_fonts("Taipei 台北", RenderOptions(), "zh-Hans"))
    # --font: the user's face draws the Latin letters too, not the bundled Latin serif.
    chosen = RenderOptions(font=fonts.sans_face().path)
    own = Flow(document_fonts("Taipei 台北", chosen, "zh-Hans"))
    assert plain.fonts.body.key != own.fonts.body.key
    assert own.measure(BODY) is not plain.measure(BODY)
    assert own.measure(BODY)("T") == _width(own, "T", BODY.size)
    assert plain.measure(BODY)("T") == _width(plain, "T", BODY.size)
    assert own.measure(BODY)("T") != plain.measure(BODY)("T")


def test_a_chain_given_fallback_faces_changes_its_key() -> None:
    chain = document_fonts("台北", RenderOptions(), "zh-Hans").body
    before = chain.key
    chain.extend([fonts.mono_face()])
    assert chain.key != before


def test_a_plain_measure_gets_atoms_for_one_paragraph() -> None:
    def measure(text: str) -> float:
        return float(len(text))

    atoms = atoms_for(measure)
    assert isinstance(atoms, Atoms) and atoms["ab"].width == 2.0
    assert atoms_for(measure) is not atoms


def test_the_drawing_finds_each_characters_face_as_the_chain_does() -> None:
    from convert.writers.pdf import _face_of

    chain = document_fonts("“Taipei”台北，𠮷", RenderOptions(), "zh-Hant").body
    plain, in_latin = _face_of(chain)
    assert _face_of(chain)[0] is plain and _face_of(chain)[1] is in_latin  # one per chain
    for ch in "“T台，𠮷\u0378":  # (U+0378: no face has it: the primary face stands in)
        assert plain[ch] is (chain.font_for(ch) or chain.primary)
        assert in_latin[ch] is (chain.font_for(ch, True) or chain.primary)
    assert plain["“"] is not in_latin["“"]  # the Latin serif's mark in Latin text


def test_a_documents_face_table_goes_with_its_chain() -> None:
    import gc
    import weakref

    from convert.writers import pdf

    chain = document_fonts("台北", RenderOptions(), "zh-Hans").body
    pdf._face_of(chain)[0]["台"]
    gone = weakref.ref(chain)
    del chain
    gc.collect()
    assert gone() is None
