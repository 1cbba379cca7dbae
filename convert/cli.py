"""The `convert` command: parse options, plan, run, report.

STUB for the batch work (issue 6): converts files one by one.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from convert import __version__
from convert.atomic import write_atomic
from convert.errors import ConvertError
from convert.reader import ReadOptions, read_file
from convert.writers import RenderOptions, available, get_writer


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--to", "formats", default="", help="Comma-separated formats: docx,pdf,epub,json.")
@click.option("--docx", "fmt_flags", flag_value="docx", multiple=True, help="Same as --to docx.")
@click.option("--pdf", "fmt_flags", flag_value="pdf", multiple=True, help="Same as --to pdf.")
@click.option("--epub", "fmt_flags", flag_value="epub", multiple=True, help="Same as --to epub.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Output folder.")
@click.option("--encoding", help="Force the input codec (e.g. gb18030, big5hkscs).")
@click.option("--keep-punctuation", is_flag=True, help="Do not restore full-width punctuation.")
@click.option("--keep-boilerplate", is_flag=True, help="Keep share buttons etc. in the body.")
@click.version_option(__version__, prog_name="convert")
def main(
    paths: tuple[Path, ...],
    formats: str,
    fmt_flags: tuple[str, ...],
    output: Path | None,
    encoding: str | None,
    keep_punctuation: bool,
    keep_boilerplate: bool,
) -> None:
    """Convert news articles (.txt in any encoding) to DOCX, PDF, EPUB or JSON."""
    names = [f.strip() for f in formats.split(",") if f.strip()] + list(fmt_flags)
    names = list(dict.fromkeys(names)) or ["docx"]
    for name in names:
        if name not in available():
            raise click.UsageError(f"unknown format {name!r} (known: {', '.join(available())})")
    read_opts = ReadOptions(encoding, keep_punctuation, keep_boilerplate)
    failed = 0
    for path in paths:
        try:
            doc = read_file(path, read_opts)
            for name in names:
                writer = get_writer(name)
                out_dir = output or path.parent
                result = writer.render(doc, RenderOptions())
                write_atomic(out_dir / (path.stem + writer.extension), result.data)
        except ConvertError as exc:
            click.echo(f"convert: {path}: {exc}", err=True)
            failed += 1
    sys.exit(1 if failed else 0)
