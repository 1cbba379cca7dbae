"""The `convert` command: parse options, plan, run, report.

Planning (convert.batch), running (convert.runner), reporting (convert.report)
and books (convert.combine) live in their own modules; this one only wires
them to the command line. Exit status: 0 everything converted (or already up
to date), 1 some input failed, 2 usage error, 130 interrupted.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from convert import __version__, batch, combine, readers, runner, storage, writers
from convert.batch import display
from convert.decode import text_codec
from convert.errors import ConvertError
from convert.reader import ReadOptions
from convert.report import FAILED, Progress, Report
from convert.state import fingerprint
from convert.transforms.zh_variant import VARIANTS
from convert.writers.base import RenderOptions, WriterOption

DEFAULT_FORMATS = ("docx", "pdf", "epub")
EXIT_INTERRUPTED = 130


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _has_dask() -> bool:
    import importlib.util

    return importlib.util.find_spec("distributed") is not None


def _formats(to: str, flags: tuple[str, ...], book: Path | None) -> tuple[str, ...]:
    from convert.writers import available

    names = [f.strip().lower() for f in to.split(",") if f.strip()] + list(flags)
    names = list(dict.fromkeys(names))
    for name in names:
        if name not in available():
            raise click.UsageError(f"unknown format {name!r} (known: {', '.join(available())})")
    if not names and book is None:
        return DEFAULT_FORMATS
    return tuple(names)


def _single_output(
    output: Path | None, paths: tuple[Path, ...], formats: tuple[str, ...], explicit: object
) -> tuple[Path | None, Path | None, tuple[str, ...]]:
    """`-o article.pdf` for one input file names the output itself: (folder, file, formats).

    Anything else given to -o is a folder; an existing file there is refused.
    """
    if output is None or storage.is_url(output) or output.is_dir():
        return output, None, formats
    fmt = batch.format_of_file(output)
    if fmt is None:
        if output.exists():
            raise click.UsageError(f"-o {display(output)} is a file, not a folder")
        return output, None, formats
    if len(paths) != 1 or not paths[0].is_file():
        raise click.UsageError(
            f"-o {display(output)} names one file: give one input file, or -o a folder"
        )
    if explicit and formats != (fmt,):
        raise click.UsageError(
            f"-o {display(output)} is a {fmt} file, but the formats asked for are "
            f"{', '.join(formats)}"
        )
    return output.parent, output, (fmt,)


HELP = """Convert news articles (text in any encoding, saved web pages, Markdown) to
DOCX, PDF, EPUB or JSON.

PATHS are files and folders, mixed. Folders are walked recursively for *.txt,
*.text, *.html, *.htm, *.xhtml, *.md and *.markdown files (see --include/--exclude);
hidden files and a saved page's NAME_files/ folder are skipped.

With -o OUTDIR each folder's tree is mirrored under OUTDIR and a file goes
straight into it. Without -o, outputs go next to their inputs. For a single
input file, -o NAME.pdf (.docx, .epub, .json) names the output file itself.

Without --to or a format flag, each input becomes DOCX, PDF and EPUB.
Outputs that are newer than their input and were made with the same options
are left alone (--force remakes them); each output folder keeps a small
.convert-state.json recording what made its files.

Exit status: 0 all converted, 1 some inputs failed, 2 usage error, 130 interrupted.
"""


def _explain(paths: tuple[Path, ...], options: ReadOptions) -> int:
    """--explain: per input line, what the reader made of it. 1 if an input was unreadable."""
    from convert.errors import InputError
    from convert.explain import explain_file

    status = 0
    for path in paths:
        try:
            click.echo(explain_file(path, options))
        except InputError as exc:
            click.echo(f"convert: {display(path)}: {exc}", err=True)
            status = 1
    return status


@click.command(help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=storage.LocationParam(exists=True))
@click.option("--to", "to", default="", metavar="FMT[,FMT…]",
              help="Formats: docx,pdf,epub,json (default: docx,pdf,epub).")
@click.option("--docx", "fmt_flags", flag_value="docx", multiple=True, help="Same as --to docx.")
@click.option("--pdf", "fmt_flags", flag_value="pdf", multiple=True, help="Same as --to pdf.")
@click.option("--epub", "fmt_flags", flag_value="epub", multiple=True, help="Same as --to epub.")
@click.option("--json", "fmt_flags", flag_value="json", multiple=True, help="Same as --to json.")
@click.option("-o", "--output", type=storage.LocationParam(),
              help="Output folder (default: next to each input); for one input file, "
              "NAME.pdf/.docx/.epub/.json names the output itself.")
@click.option("--include", multiple=True, metavar="GLOB",
              help="Take files in folders matching GLOB (repeatable; default: text, HTML and "
              "Markdown extensions).")
@click.option("--exclude", multiple=True, metavar="GLOB",
              help="Skip files in folders matching GLOB (name or relative path; repeatable).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: number of cores).")
@click.option("--scheduler", metavar="dask|ADDRESS",
              help="Run on a Dask cluster: a scheduler address (tcp://host:8786), or `dask` "
              "for a local one (needs: pip install 'convert[dask]').")
@click.option("--batch-size", type=click.IntRange(min=1), default=None,
              help="With --scheduler: articles per Dask task (default: from the batch size).")
@click.option("--force", is_flag=True, help="Remake outputs even when up to date.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first input that fails.")
@click.option("--report", "report_path", type=storage.LocationParam(dir_okay=False),
              help="Write a JSON report, one record per input.")
@click.option("--combine", "book", type=click.Path(dir_okay=False, path_type=Path),
              metavar="BOOK.epub|.pdf|.docx",
              help="Make one book, each article a chapter; alone it makes only the book, "
              "with --to/--docx… the single files too.")
@click.option("--title", help="Title of the --combine book (default: the folder's name).")
@click.option("--encoding", help="Force the input codec (e.g. gb18030, big5hkscs).")
@click.option("--keep-punctuation", is_flag=True, help="Do not restore full-width punctuation.")
@click.option("--keep-boilerplate", is_flag=True,
              help="Keep share buttons etc. in the body; for a web page, the whole page.")
@click.option("--explain", is_flag=True,
              help="Print what the reader made of each line of each input; convert nothing.")
@click.option("--from", "source_format", type=click.Choice(readers.available()), default=None,
              help="Read every input as this format (default: by extension — .html/.htm/.xhtml "
              "a web page, .md/.markdown Markdown, .json a model — else sniffed, else text).")
@click.option("--zh-variant", type=click.Choice(tuple(VARIANTS)), default=None,
              metavar="s2t|s2tw|s2twp|s2hk|t2s|tw2s|…",
              help="Convert Chinese with OpenCC (s2tw: to Taiwan Traditional, t2s: to "
              "Simplified …) and retag its language; known: " + ", ".join(VARIANTS) + ".")
@click.option("--keep-quotes", is_flag=True,
              help="With --zh-variant: keep “” rather than Taiwan/Hong Kong 「」.")
@click.option("--font", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Body font file (TTF, TTC, OTF) replacing the bundled one.")
@click.option("--font-index", type=click.IntRange(min=0), default=0,
              help="Face index inside a TTC --font.")
@click.option("--font-family", help="Body font by family name (through fontconfig).")
@click.option("--embed-fonts", is_flag=True,
              help="EPUB and DOCX: subset and embed the body font (DOCX: the heading font too).")
@click.option("-q", "--quiet", is_flag=True, help="No progress; print only failures.")
@click.option("-v", "--verbose", is_flag=True,
              help="Also list up-to-date inputs and tracebacks of unexpected errors.")
@click.version_option(__version__, prog_name="convert")
def main(
    paths: tuple[Path, ...],
    to: str,
    fmt_flags: tuple[str, ...],
    output: Path | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    jobs: int | None,
    scheduler: str | None,
    batch_size: int | None,
    force: bool,
    fail_fast: bool,
    report_path: Path | None,
    book: Path | None,
    title: str | None,
    encoding: str | None,
    keep_punctuation: bool,
    keep_boilerplate: bool,
    explain: bool,
    source_format: str | None,
    zh_variant: str | None,
    keep_quotes: bool,
    font: Path | None,
    font_index: int,
    font_family: str | None,
    embed_fonts: bool,
    quiet: bool,
    verbose: bool,
    **writer_values: object,
) -> None:
    for stream in (sys.stdout, sys.stderr):  # never crash printing an odd file name
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    started = time.perf_counter()
    if scheduler is not None and not _has_dask():
        click.echo("convert: --scheduler needs Dask: pip install 'convert[dask]'", err=True)
        sys.exit(2)
    formats = _formats(to, fmt_flags, book)
    if encoding is not None:
        try:
            text_codec(encoding)  # rot13, base64, idna … are usage errors, not failed files
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--encoding") from None
    if title is not None and book is None:
        raise click.UsageError("--title names the --combine book; there is no --combine")
    if book is not None and (reason := combine.check_can_combine(combine.book_format(book))):
        raise click.UsageError(reason)
    output, output_file, formats = _single_output(output, paths, formats, to or fmt_flags)
    read_options = ReadOptions(encoding, keep_punctuation, keep_boilerplate,
                               source_format, zh_variant, keep_quotes)
    if explain:
        sys.exit(_explain(paths, read_options))
    render_options = RenderOptions(font, font_index, font_family, embed_fonts,
                                   _writer_options(writer_values))

    # Plan: which inputs, which outputs, what is already up to date.
    declared = writers.declared_options()
    fingerprints = {  # a format's outputs depend on its own writer options only
        f: fingerprint(f, read_options,
                       render_options.for_writer([o.name for o in declared.get(f, ())]))
        for f in formats
    }
    if any(storage.is_url(p) for p in (*paths, output)):  # an object store: convert.storage
        if book is not None:
            raise click.UsageError("--combine makes a local book from local inputs")
        try:
            sources = storage.collect(paths, include or batch.DEFAULT_INCLUDE, exclude, output)
            plan = storage.plan(sources, formats, fingerprints, output, force)
        except ConvertError as exc:
            click.echo(f"convert: {exc}", err=True)
            sys.exit(2)
    else:
        sources = batch.collect(paths, include or batch.DEFAULT_INCLUDE,
                                (*exclude, *batch.DEFAULT_EXCLUDE), output)
        if book is not None and any(os.path.realpath(s.path) == os.path.realpath(book)
                                    for s in sources):
            raise click.UsageError(f"--combine {display(book)} would overwrite an input")
        plan = batch.plan(sources, formats, fingerprints, output, force, output_file)
    if not sources:
        looked = ", ".join(include or batch.DEFAULT_INCLUDE)
        click.echo(f"convert: no input files found (looked for {looked})", err=True)

    # Run: everything not up to date; every readable input when making a book.
    tasks = [
        runner.Task(
            job.index,
            job.source,
            tuple((o.fmt, o.path) for o in job.pending),
            keep_document=book is not None,
        )
        for job in plan.jobs
        if job.error is None and (job.pending or book is not None)
    ]
    if verbose:
        for job in plan.jobs:
            if job.error is None and job.outputs and not job.pending:
                click.echo(f"up to date: {display(job.source)}", err=True)
    progress = Progress(len(tasks), quiet=quiet, verbose=verbose)
    jobs_by_index = {job.index: job for job in plan.jobs}

    def on_outcome(outcome: runner.Outcome) -> None:
        job = jobs_by_index[outcome.index]
        if outcome.source_stat is not None:
            for out in job.pending:
                if out.fmt in outcome.done:
                    plan.state.record(out.path, plan.fingerprints[out.fmt], outcome.source_stat)
        progress.update(job, outcome)

    try:
        result = runner.run(
            tasks,
            jobs=jobs or _cores(),
            formats=formats,
            read_options=read_options,
            render_options=render_options,
            on_outcome=on_outcome,
            fail_fast=fail_fast,
            scheduler=scheduler,
            batch_size=batch_size,
        )
    except ConvertError as exc:  # the cluster could not be reached or started
        click.echo(f"convert: {exc}", err=True)
        sys.exit(2)
    finally:
        progress.close()
        plan.state.flush()  # what finished is remembered, even after Ctrl-C
    report = Report.build(
        plan, result.outcomes, time.perf_counter() - started,
        result.interrupted, result.stopped_early,
    )
    if book is not None and not (result.interrupted or result.stopped_early):
        report.book = _make_book(book, paths, title, plan, result.outcomes, render_options)
        report.seconds = time.perf_counter() - started

    if report_path is not None:
        report.write_json(report_path)
    if quiet:
        for rec in report.records:
            for err in rec.errors if rec.status == FAILED else ():
                click.echo(f"convert: {display(rec.path)}: {err}", err=True)
        if report.book and report.book["status"] == FAILED:
            click.echo(f"convert: {report.book['path']}: {report.book['error']}", err=True)
    else:
        click.echo("\n".join(report.summary_lines(verbose)))
    if result.interrupted:
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(1 if report.failed else 0)


def _param(name: str) -> str:
    return "writer_" + name.replace("-", "_")


def _writer_option(option: WriterOption, formats: list[str]) -> click.Option:
    """A writer's declared option as a click option (shared by writers naming it alike)."""
    kind: click.ParamType
    if option.kind == "choice":
        kind = click.Choice(option.choices, case_sensitive=False)
    elif option.kind == "number":
        low, high = option.bounds or (None, None)
        kind = click.FloatRange(low, high)
    else:
        kind = click.Path(exists=True, dir_okay=False, path_type=Path)

    def check(ctx: click.Context, param: click.Parameter, value: object) -> object:
        if value is not None and option.check is not None:
            reason = option.check(value)
            if reason:
                raise click.BadParameter(reason)
        if value is not None and option.kind == "choice":  # the writer's own spelling
            value = next(c for c in option.choices if c.lower() == str(value).lower())
        return value

    return click.Option([f"--{option.name}", _param(option.name)], type=kind, default=None,
                        metavar=option.metavar, callback=check,
                        help=f"[{', '.join(formats)}] {option.help}")


def _add_writer_options(command: click.Command) -> click.Command:
    """Every registered writer's own options, in --help after the common ones."""
    by_name: dict[str, tuple[WriterOption, list[str]]] = {}
    for fmt, options in writers.declared_options().items():
        for option in options:
            by_name.setdefault(option.name, (option, []))[1].append(fmt)
    taken = {opt for p in command.params for opt in getattr(p, "opts", ())}
    at = next(i for i, p in enumerate(command.params) if p.name == "quiet")
    for option, formats in by_name.values():
        if f"--{option.name}" in taken:  # a plugin may not shadow a built-in option
            continue
        command.params.insert(at, _writer_option(option, formats))
        at += 1
    return command


def _writer_options(values: dict[str, object]) -> tuple[tuple[str, object], ...]:
    """The writer options given, as RenderOptions.writer pairs."""
    names = {_param(o.name): o.name
             for options in writers.declared_options().values() for o in options}
    return tuple(sorted((names[k], v) for k, v in values.items()
                        if v is not None and k in names))


main = _add_writer_options(main)


def _make_book(
    book: Path,
    paths: tuple[Path, ...],
    title: str | None,
    plan: batch.Plan,
    outcomes: dict[int, runner.Outcome],
    options: RenderOptions,
) -> dict[str, object]:
    articles = [
        (job.source, outcomes[job.index].document)
        for job in plan.jobs
        if job.index in outcomes and outcomes[job.index].document is not None
    ]
    info: dict[str, object] = {"path": display(book), "chapters": len(articles)}
    if not articles:
        return info | {"status": FAILED, "error": "no article could be read"}
    try:
        warnings = combine.make_book(
            book, articles, title or combine.default_title(paths, book), options  # type: ignore[arg-type]
        )
    except Exception as exc:
        return info | {"status": FAILED, "error": runner.one_line(exc)}
    return info | {"status": "converted", "warnings": list(warnings)}
