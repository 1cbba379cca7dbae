import pytest

from convert import locale


@pytest.mark.parametrize(
    ("tag", "script", "region", "region_tag", "cjk"),
    [
        ("zh-Hans", "Hans", "CN", "zh-CN", True),
        ("zh", "Hans", "CN", "zh-CN", True),
        ("zh-CN", "Hans", "CN", "zh-CN", True),
        ("zh-Hant", "Hant", "TW", "zh-TW", True),
        ("zh-Hant-TW", "Hant", "TW", "zh-TW", True),
        ("zh-Hant-HK", "Hant", "HK", "zh-HK", True),
        ("zh-TW", "Hant", "TW", "zh-TW", True),
        ("zh-HK", "Hant", "HK", "zh-HK", True),
        ("zh-Hans-SG", "Hans", "SG", "zh-SG", True),
        ("zh_hant_hk", "Hant", "HK", "zh-HK", True),
        ("ja", "Jpan", "JP", "ja-JP", True),
        ("ko", "Kore", "KR", "ko-KR", True),
        ("en", "Latn", "US", "en-US", False),
        ("en-GB", "Latn", "GB", "en-GB", False),
        ("ru", "Latn", None, "ru", False),
        ("und", None, None, "und", False),
    ],
)
def test_tags_parse_to_script_region_and_cjk(tag, script, region, region_tag, cjk):
    loc = locale.parse(tag)
    assert (loc.script, loc.region, loc.region_tag, loc.cjk) == (script, region, region_tag, cjk)
    assert locale.region_tag(tag) == region_tag and locale.is_cjk(tag) == cjk


@pytest.mark.parametrize(
    ("tag", "font", "klass", "traditional"),
    [
        ("zh-Hans", "CN", "zh-hans", False),
        ("zh-Hant", "TW", "zh-hant", True),
        ("zh-Hant-HK", "HK", "zh-hant", True),
        ("zh-MO", "HK", "zh-hant", True),
        ("en", "CN", "latin", False),
        ("ja", "CN", "ja", False),
    ],
)
def test_font_region_and_script_class(tag, font, klass, traditional):
    assert locale.font_region(tag) == font
    assert locale.script_class(tag) == klass
    assert locale.is_traditional(tag) == traditional


def test_labels_follow_the_script():
    assert locale.label("zh-Hans", "contents") == "目录"
    assert locale.label("zh-Hant-HK", "contents") == "目錄"
    assert locale.label("ja", "contents") == "目次"
    assert locale.label("ko", "contents") == "목차"
    assert locale.label("en", "contents") == "Contents"
    assert locale.label("und", "page") == "Page"
    assert locale.label("zh-Hant", "editor") == "責任編輯："


def test_full_width_is_for_chinese_and_japanese():
    assert locale.uses_full_width("zh-Hant") and locale.uses_full_width("ja")
    assert not locale.uses_full_width("ko") and not locale.uses_full_width("en")


def test_one_rule_for_a_book_language():
    assert locale.book_language([]) == locale.DEFAULT == "zh-Hans"
    # the commonest region wins, tagged as its first article has it
    assert locale.book_language(["en", "zh-Hant", "zh-Hant-TW", "zh-Hans"]) == "zh-Hant"
    # a tie goes to the earliest article
    assert locale.book_language(["zh-Hans", "en", "en", "zh-Hans"]) == "zh-Hans"
    assert locale.book_language(["en", "zh-Hans"]) == "en"
