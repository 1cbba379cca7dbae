"""Dates and times in the usual forms -> ISO 8601."""

from __future__ import annotations

import pytest

from convert.dates import find_date, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020-05-16 11:36", "2020-05-16T11:36"),
        ("2020-05-16 11:36 ", "2020-05-16T11:36"),
        ("2020年5月16日 11:36", "2020-05-16T11:36"),
        ("2020年5月16日11时36分", "2020-05-16T11:36"),
        ("2020/05/16", "2020-05-16"),
        ("2020.05.16", "2020-05-16"),
        ("２０２０年５月１６日", "2020-05-16"),
        ("二〇二〇年五月十六日", "2020-05-16"),
        ("March 3, 2025, 4:15 p.m.", "2025-03-03T16:15"),
        ("March 3, 2025, 4:15 p.m. ET", "2025-03-03T16:15"),
        ("Mar. 3, 2025", "2025-03-03"),
        ("3 March 2025 16:15", "2025-03-03T16:15"),
        ("March 3, 2025 at 12:05 AM", "2025-03-03T00:05"),
        ("2025-03-03T16:15:09", "2025-03-03T16:15:09"),
    ],
)
def test_date_forms(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["2020-13-01", "2021-02-29", "今天天气很好", "12:00", "1,000"])
def test_not_dates(text: str) -> None:
    assert parse_date(text) is None


def test_find_date_reports_where_it_is() -> None:
    text = "发布时间：2020-05-16 11:36 来源"
    iso, start, end = find_date(text) or ("", 0, 0)
    assert iso == "2020-05-16T11:36"
    assert text[start:end] == "2020-05-16 11:36"


def test_parse_date_refuses_other_words() -> None:
    assert parse_date("会议于2020年5月16日召开") is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2020-05-16T11:36:00+08:00", "2020-05-16T11:36:00+08:00"),
        ("2020-05-16 11:36Z", "2020-05-16T11:36+00:00"),
        ("2020-05-16T11:36+0800", "2020-05-16T11:36+08:00"),
    ],
)
def test_utc_offsets_are_kept(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("Mon, 06 May 2024 09:15:00 +0800", "2024-05-06T09:15:00+08:00"),  # RFC 822, feeds
        ("Wed, 08 May 2024 21:40:05 GMT", "2024-05-08T21:40:05"),
        ("9-APR-1991 14:02:33.10", "1991-04-09T14:02:33"),  # wire timestamps
        ("星期三 2024-05-08", "2024-05-08"),
        ("21:402024/05/08", "2024-05-08T21:40"),  # a page glued the time to the date
    ],
)
def test_feed_wire_and_glued_forms(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_a_time_written_before_its_date_belongs_to_it() -> None:
    hit = find_date("Published 07:05 GMT, 12 June 2024")
    assert hit is not None and hit[0] == "2024-06-12T07:05"
    assert find_date("会议 14:30 开始，2024-06-12 结束")[0] == "2024-06-12"  # type: ignore[index]
