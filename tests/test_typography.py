"""Ambiguous-width marks take the face of the text they stand in; English smart quotes."""

from __future__ import annotations

from convert.reader import ReadOptions, read_text
from convert.typography import latin_marks, segments, smarten


def latin_chars(text: str, latin_text: bool) -> str:
    return "".join(text[i] for i in sorted(latin_marks(text, latin_text)))


def test_every_mark_of_an_english_sentence_is_latin() -> None:
    text = "“We’ve seen it,” the mayor’s aide said — twice… in 2019–2020."
    assert latin_chars(text, latin_text=True) == "“’”’—…–"


def test_marks_between_chinese_characters_stay_cjk_in_a_chinese_article() -> None:
    text = "他说：“我们已经尽力了……”——这是事实。"
    assert latin_marks(text, latin_text=False) == frozenset()


def test_an_english_run_inside_chinese_takes_latin_marks() -> None:
    text = "报道援引他的话说，the city’s “best” year — ever，然后离开。"
    assert latin_chars(text, latin_text=False) == "’“”—"


def test_quotes_that_touch_chinese_stay_full_width_as_a_pair() -> None:
    # The quotes belong to the Chinese sentence even though they enclose English.
    text = "他说：“Hello world.”随后离开。"
    assert latin_marks(text, latin_text=False) == frozenset()
    # and a pair around Latin text opened after a Han character is decided together
    text = "代号“‘C&D’足球队”的群"
    assert latin_marks(text, latin_text=False) == frozenset()


def test_chinese_quoted_inside_an_english_article_keeps_cjk_marks_only_between_han() -> None:
    text = "The sign read 北京——欢迎您 and “Beijing” below."
    assert latin_chars(text, latin_text=True) == "“”"


def test_segments_cut_where_the_face_changes() -> None:
    assert segments("他说“OK”，it’s fine", latin_text=False) == [
        ("他说", None), ("“", False), ("OK", None), ("”", False), ("，it", None),
        ("’", True), ("s fine", None),
    ]


def test_smarten_follows_smartypants() -> None:
    assert smarten('"It\'s the \'90s," she said.') == "“It’s the ’90s,” she said."
    assert smarten("He said 'no' (and 'yes').") == "He said ‘no’ (and ‘yes’)."
    assert smarten('rock \'n\' roll, "quoted"') == "rock ’n’ roll, “quoted”"
    assert smarten("the Smiths' house") == "the Smiths’ house"


def test_smarten_leaves_primes_urls_and_addresses() -> None:
    assert smarten('He is 5\'10" tall') == 'He is 5\'10" tall'
    url = "see https://example.com/?q='a'"
    assert smarten(url) == url


def test_the_reader_smartens_english_unless_asked_to_keep_punctuation() -> None:
    text = 'Harbor bridge reopens\n\n"We\'re back," the mayor said on Tuesday.\n'
    doc = read_text(text)
    assert doc.meta.language == "en"
    assert doc.blocks[0].text == "“We’re back,” the mayor said on Tuesday."
    kept = read_text(text, ReadOptions(keep_punctuation=True))
    assert kept.blocks[0].text == '"We\'re back," the mayor said on Tuesday.'


def test_the_reader_does_not_smarten_chinese_text() -> None:
    doc = read_text("标题行\n\n他说\"好\"，然后离开了会场，大家都很高兴。\n")
    assert "‘" not in doc.blocks[0].text and "’" not in doc.blocks[0].text
