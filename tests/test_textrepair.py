"""C1 control characters: cp1252 punctuation in disguise is repaired, the rest removed."""

from __future__ import annotations

from convert.reader import read_text
from convert.textrepair import repair_c1


def test_cp1252_punctuation_in_disguise_is_repaired() -> None:
    text, warnings = repair_c1("She said \x93yes\x94 \x96 it\x92s done\x85")
    assert text == "She said “yes” – it’s done…"
    assert len(warnings) == 1 and "repaired 5" in warnings[0]


def test_other_c1_characters_are_removed_and_counted() -> None:
    text, warnings = repair_c1("a\x81b\x9dc\x93d")
    assert text == "abc“d"
    assert any("removed 2" in w for w in warnings)
    assert any("repaired 1" in w for w in warnings)


def test_clean_text_is_untouched() -> None:
    assert repair_c1("普通的文字 “引号”") == ("普通的文字 “引号”", ())


def test_the_reader_repairs_and_warns() -> None:
    doc = read_text(
        "Harbour ferry to stop\n\nThe council said \x93the ferry will stop\x94 next spring.\n"
    )
    assert doc.blocks[0].text == "The council said “the ferry will stop” next spring."
    assert any("C1" in w for w in doc.warnings)
