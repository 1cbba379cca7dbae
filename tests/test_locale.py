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


def test_no_module_decides_language_matters_on_its_own():
    """Language-tag decisions and label tables live in convert/locale.py only."""
    import re
    from pathlib import Path

    import convert

    pattern = re.compile(r'startswith\(\(?"(zh|ja)|split\("-"\)\[0\] in|"目录"|"目錄"|"Contents"')
    root = Path(convert.__file__).parent
    offenders = [
        f"{path.relative_to(root)}:{n}"
        for path in root.rglob("*.py") if path.name != "locale.py"
        for n, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_every_writer_gives_a_book_the_same_language_and_contents_label():
    import io
    import zipfile

    import docx
    import pypdf

    from convert.writers import get_writer
    from convert.writers.base import RenderOptions
    from tests import documents

    docs = [documents.english(), documents.zh_hant(), documents.zh_hant()]
    assert locale.book_language([d.meta.language for d in docs]) == "zh-Hant"

    def book(fmt: str) -> bytes:
        return get_writer(fmt).render_book(docs, "合集", RenderOptions()).data

    word = docx.Document(io.BytesIO(book("docx")))
    assert word.core_properties.language == "zh-TW"
    assert "目錄" in [p.text for p in word.paragraphs]
    pdf = pypdf.PdfReader(io.BytesIO(book("pdf")))
    assert pdf.trailer["/Root"]["/Lang"] == "zh-TW"
    assert "目錄" in pdf.pages[0].extract_text()
    epub = zipfile.ZipFile(io.BytesIO(book("epub")))
    opf = epub.read(next(n for n in epub.namelist() if n.endswith(".opf"))).decode("utf-8")
    assert "<dc:language>zh-Hant</dc:language>" in opf
    nav = epub.read(next(n for n in epub.namelist() if n.endswith("nav.xhtml"))).decode("utf-8")
    assert "目錄" in nav
