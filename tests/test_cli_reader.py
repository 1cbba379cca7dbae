"""The command's reader options: --explain, and --encoding accepting only text codecs."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from convert.cli import main

PAGE = "\n".join(
    [
        "首页",
        "新闻",
        "财经",
        "河西村合作社迎来首批订单",
        "2024-05-06 08:15　来源：某某晚报",
        "分享到：",
        "本报讯 河西村合作社今年迎来了建社以来规模最大的一批订单，村民们连续三天忙着分拣装箱。",
        "订单从哪里来",
        "合作社负责人说，订单主要来自城里的几家超市，价格比往年高出一成，村民收入明显增加。",
        "▲村民在仓库里分拣橙子。（李四 摄）",
        "责任编辑：王五",
        "版权所有 未经授权不得转载",
    ]
)


def run(*args: object) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_explain_says_what_each_line_became(tmp_path: Path) -> None:
    src = tmp_path / "page.txt"
    src.write_text(PAGE, encoding="gb18030")
    res = run(src, "--explain")
    assert res.exit_code == 0
    rows = {line.split(None, 1)[0]: line for line in res.stdout.splitlines()[1:]}
    assert "gb18030" in res.stdout.splitlines()[0]
    assert "dropped: page frame" in rows["1"]
    assert "title" in rows["4"]
    assert "meta: source, date" in rows["5"]
    assert "dropped: share/print widget" in rows["6"]
    assert "paragraph" in rows["7"]
    assert "heading" in rows["8"]
    assert "dropped: photo caption" in rows["10"]
    assert "meta: editors" in rows["11"]
    assert "rights" in rows["12"]
    assert list(tmp_path.iterdir()) == [src]  # nothing converted


def test_explain_of_an_unreadable_file_is_one_line(tmp_path: Path) -> None:
    src = tmp_path / "x.txt"
    src.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    res = run(src, "--explain")
    assert res.exit_code == 1
    assert res.stderr.strip().count("\n") == 0 and "PNG" in res.stderr


@pytest.mark.parametrize("codec", ["rot13", "base64", "zlib", "idna"])
def test_encoding_must_be_a_text_encoding(tmp_path: Path, codec: str) -> None:
    src = tmp_path / "a.txt"
    src.write_text(PAGE, encoding="utf-8")
    res = run(src, "--encoding", codec, "--to", "json", "-o", tmp_path / "out")
    assert res.exit_code == 2
    assert "--encoding" in res.stderr and codec in res.stderr
    assert not (tmp_path / "out").exists()
