"""The `convert` command: parse options, plan, run, report.

Planning (convert.batch), running (convert.runner), reporting (convert.report)
and books (convert.combine) live in their own modules; this one only wires
them to the command line. Exit status: 0 everything converted (or already up
to date), 1 some input failed (or none was found), 2 usage error, 130
interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""

from __future__ import annotations

import contextlib
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

import click

from convert import (
    __version__,
    atomic,
    batch,
    combine,
    inputs,
    overrides,
    readers,
    regex_cache,
    runner,
    storage,
    writers,
)
from convert.batch import display
from convert.decode import text_codec
from convert.errors import ConvertError
from convert.overrides import Overrides
from convert.read_options import ReadOptions
from convert.report import FAILED, NOT_RUN, Progress, Report
from convert.state import fingerprint
from convert.transforms.zh_variant import VARIANTS
from convert.writers.base import RenderOptions, WriterOption

DEFAULT_FORMATS = ("docx", "pdf", "epub")
EXIT_FAILED = 1
# What a user means as a file name rather than a folder: `out.html`, `notes.md`.
_FILE_LIKE = regex_cache.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}")


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


def _known_formats() -> str:
    from convert import writers

    return ", ".join(f"{writers.extension(f)} ({f})" for f in writers.available())


def _is_one_file(path: Path | str) -> bool:
    """A file (or standard input) rather than a folder: one article."""
    if inputs.is_stdin(path):
        return True
    if storage.is_url(path):  # not looked up yet: a name with an extension is a file
        return bool(Path(str(path)).suffix)
    return Path(path).is_file()


def _single_output(
    raw: str | None,
    paths: tuple[Path, ...],
    formats: tuple[str, ...],
    explicit: object,
    book: Path | None,
) -> tuple[Path | None, Path | None, tuple[str, ...]]:
    """What -o means: (folder, file, formats).

    `-o -` is standard output, `-o article.pdf` for one input names the output itself;
    anything else is a folder, but a name with a file extension we do not write
    (`out.html`) is a mistake, not a folder to create.
    """
    one_input = len(paths) == 1 and _is_one_file(paths[0])
    if raw is None:
        if formats and any(inputs.is_stdin(p) for p in paths):  # (a book alone needs none)
            raise click.UsageError(
                "an article read from standard input (-) needs -o: a file (-o NAME.pdf), "
                "a folder (-o DIR/) or standard output (-o -)"
            )
        return None, None, formats
    if raw == inputs.STDIO:
        if book is not None:
            raise click.UsageError("-o - writes one article; --combine names its own book file")
        if not one_input:
            raise click.UsageError(
                "-o - writes one document to standard output: give one input file "
                "(or - for standard input)"
            )
        if len(formats) != 1:
            raise click.UsageError(
                "-o - writes one document to standard output: choose one format with --to "
                f"(asked for {', '.join(formats)})"
            )
        if formats[0] != "json" and sys.stdout.isatty():
            raise click.UsageError(
                f"-o - would write a {formats[0]} file to the terminal; redirect or pipe it"
            )
        return None, runner.STDOUT, formats
    output = storage.local_or_url(raw)
    if storage.is_url(output):  # an object store: a folder there (convert.storage)
        return output, None, formats  # type: ignore[return-value]
    assert isinstance(output, Path)
    if output.is_dir():
        return output, None, formats
    fmt = batch.format_of_file(output)
    if fmt is None:
        if output.exists():
            raise click.UsageError(f"-o {display(output)} is a file, not a folder")
        if _FILE_LIKE.fullmatch(output.suffix) and not raw.endswith(("/", os.sep)):
            raise click.UsageError(
                f"-o {display(output)}: convert does not write {output.suffix} files; it "
                f"writes {_known_formats()}. For a folder of that name, end it with /"
            )
        return output, None, formats
    if not one_input:
        raise click.UsageError(
            f"-o {display(output)} names one file: give one input file, or -o a folder"
        )
    if explicit and formats != (fmt,):
        raise click.UsageError(
            f"-o {display(output)} is a {fmt} file, but the formats asked for are "
            f"{', '.join(formats)}"
        )
    return output.parent, output, (fmt,)


def _check_font(options: RenderOptions) -> None:
    """A bad --font or --font-family is said once, before the run, not once per article."""
    if options.font is None and not options.font_family:
        return
    from convert import fonts

    try:
        fonts.body_face(options)
    except ConvertError as exc:
        hint = "--font" if options.font is not None else "--font-family"
        raise click.BadParameter(runner.one_line(exc), param_hint=hint) from None


def _refuse_overwrites(
    report_path: Path | None, book: Path | None, plan: batch.Plan
) -> None:
    """--report and --combine never replace an input or one of the run's outputs (data
    loss, and the state file would still call that output up to date)."""
    inputs_ = {os.path.realpath(j.source) for j in plan.jobs if not inputs.is_stdin(j.source)}
    outputs = {os.path.realpath(o.path): (o, j) for j in plan.jobs for o in j.outputs}
    named = [("--report", report_path), ("--combine", book)]
    for option, path in named:
        if path is None or storage.is_url(path):
            continue
        real = os.path.realpath(path)
        if real in inputs_:
            raise click.UsageError(f"{option} {display(path)} would overwrite an input")
        if real in outputs:
            out, job = outputs[real]
            raise click.UsageError(
                f"{option} {display(path)} would overwrite the {out.fmt} output of "
                f"{display(job.source)}"
            )
        if plan.state.knows(path):
            raise click.UsageError(
                f"{option} {display(path)} would overwrite an article's output "
                "(made by an earlier run)"
            )
    if isinstance(report_path, Path) and book is not None and (
        os.path.realpath(report_path) == os.path.realpath(book)
    ):
        raise click.UsageError("--report and --combine name the same file")


def _no_input(paths: tuple[Path, ...], include: tuple[str, ...], exclude: tuple[str, ...]
              ) -> str:
    folders = ", ".join(display(p) for p in paths)
    tried = f"tried --include {' '.join(include or batch.DEFAULT_INCLUDE)}"
    if exclude:
        tried += f", --exclude {' '.join(exclude)}"
    return f"convert: no input files found in {folders} ({tried})"


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


HELP = """Convert news articles (text in any encoding, saved web pages, Markdown) to
DOCX, PDF, EPUB or JSON.

PATHS are files and folders, mixed; - reads one article from standard input.
Folders are walked recursively for *.txt, *.text, *.html, *.htm, *.xhtml, *.md and
*.markdown files (see --include/--exclude); hidden files and a saved page's
NAME_files/ folder are skipped.

With -o OUTDIR each folder's tree is mirrored under OUTDIR and a file goes
straight into it. Without -o, outputs go next to their inputs. For a single
input file, -o NAME.pdf (.docx, .epub, .json) names the output file itself,
and -o - writes it to standard output (one format; the summary goes to stderr).

Without --to or a format flag, each input becomes DOCX, PDF and EPUB.
Outputs that are newer than their input and were made with the same options
are left alone (--force remakes them); each output folder keeps a small
.convert-state.json recording what made its files.

The first Ctrl-C finishes the articles in progress and stops; a second one, or
a SIGTERM, stops at once. Finished files are kept; none is ever half-written.

Exit status: 0 all converted, 1 some inputs failed or none found, 2 usage
error, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
"""


class _InputParam(storage.LocationParam):
    """An input path or URL, or `-` for standard input."""

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None
                ) -> object:
        if value == inputs.STDIO:
            return Path(inputs.STDIO)
        return super().convert(value, param, ctx)


def _size(ctx: click.Context, param: click.Parameter, value: str) -> int:
    try:
        return inputs.parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return None if value is None else overrides.parse_published(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


def _language(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    try:
        return None if value is None else overrides.parse_language(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc)) from None


_AS_PROGRAM = False  # set by program(): main() is the whole process, not a call in a test


def program() -> None:
    """The `convert` command and `python -m convert`."""
    global _AS_PROGRAM
    _AS_PROGRAM = True
    try:
        main()
    except SystemExit as stop:
        _leave(stop.code)
        raise


def _leave(code: object) -> None:
    """End the process at once with `code`, without tearing the interpreter down.

    The fonts, templates and modules of a run are hundreds of thousands of objects;
    freeing them one by one took 0.1–0.3 s after the last file was written. What an
    orderly exit does that matters here is done first: the atexit handlers run and the
    standard streams are flushed. Returns (the caller exits normally) when a non-daemon
    thread still runs (Python's exit would wait for it), the code is not a number, a
    profiler, tracer or coverage is watching (it reports after the program returns), or a
    stream cannot be flushed (Python's own exit reports that). Daemon threads (tqdm's
    monitor) are stopped by either exit.
    """
    import atexit
    import threading

    waited_for = [t for t in threading.enumerate()
                  if t is not threading.main_thread() and not t.daemon and t.is_alive()]
    if waited_for or not (code is None or isinstance(code, int)):
        return
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return  # under a profiler, coverage or a debugger: they report after main returns
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    atexit._run_exitfuncs()
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
        sys.stderr.flush()
    os._exit(code or 0)


@click.command(help=HELP, context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("paths", nargs=-1, required=True, type=_InputParam(exists=True))
@click.option("--to", "to", default="", metavar="FMT[,FMT…]",
              help="Formats: docx,pdf,epub,json (default: docx,pdf,epub).")
@click.option("--docx", "fmt_flags", flag_value="docx", multiple=True, help="Same as --to docx.")
@click.option("--pdf", "fmt_flags", flag_value="pdf", multiple=True, help="Same as --to pdf.")
@click.option("--epub", "fmt_flags", flag_value="epub", multiple=True, help="Same as --to epub.")
@click.option("--json", "fmt_flags", flag_value="json", multiple=True, help="Same as --to json.")
@click.option("-o", "--output", metavar="DIR|FILE|-",
              help="Output folder (default: next to each input); for one input file, "
              "NAME.pdf/.docx/.epub/.json names the output itself and - is standard output.")
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
@click.option("--title", help="Title of the article (one input) or of the --combine book.")
@click.option("--author", "authors", multiple=True, metavar="NAME",
              help="Author replacing the recognised ones (repeatable).")
@click.option("--date", "published", callback=_date, metavar="DATE",
              help="Publication date (2024-05-16, 2024-05-16T11:36, 2024年5月16日).")
@click.option("--source", help="Source (newspaper, site) replacing the recognised one.")
@click.option("--language", callback=_language, metavar="TAG",
              help="Language tag replacing the detected one (zh-Hans, zh-Hant, en, …).")
@click.option("--encoding", help="Force the input codec (e.g. gb18030, big5hkscs).")
@click.option("--max-size", default="100M", callback=_size, metavar="SIZE",
              help="Refuse inputs larger than SIZE (default 100M; 0: no limit).")
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
def main(**options: Any) -> None:
    # The options go to _command by name: its signature is the one typed list of them;
    # the writers' declared options (writer_*) travel together.
    writer_values = {k: options.pop(k) for k in list(options) if k.startswith("writer_")}
    for stream in (sys.stdout, sys.stderr):  # never crash printing an odd file name
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    with runner.Signals(restore=not _AS_PROGRAM) as signals:  # no traceback on Ctrl-C
        try:
            code = _command(**options, signals=signals, writer_values=writer_values)
        except runner.Interrupted:
            # Stopped before the run began: nothing was written.
            signals.mode = "defer"
            click.echo("convert: interrupted", err=True)
            code = signals.exit_status
    sys.exit(code)


def _command(
    *,
    paths: tuple[Path, ...],
    to: str,
    fmt_flags: tuple[str, ...],
    output: str | None,
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
    authors: tuple[str, ...],
    published: str | None,
    source: str | None,
    language: str | None,
    encoding: str | None,
    max_size: int,
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
    signals: runner.Signals,
    writer_values: dict[str, object],
) -> int:
    started = time.perf_counter()
    if scheduler is not None and not _has_dask():
        click.echo("convert: --scheduler needs Dask: pip install 'convert[dask]'", err=True)
        return 2
    formats = _formats(to, fmt_flags, book)
    if encoding is not None:
        try:
            text_codec(encoding)  # rot13, base64, idna … are usage errors, not failed files
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--encoding") from None
    if sum(inputs.is_stdin(p) for p in paths) > 1:
        raise click.UsageError("- (standard input) can be named once")
    if title is not None and book is None and not (len(paths) == 1 and _is_one_file(paths[0])):
        raise click.UsageError("--title names one article, or the --combine book")
    if book is not None and (reason := combine.check_can_combine(combine.book_format(book))):
        raise click.UsageError(reason)
    to_stdout = output == inputs.STDIO
    output_dir, output_file, formats = _single_output(output, paths, formats, to or fmt_flags,
                                                      book)
    read_options = ReadOptions(encoding, keep_punctuation, keep_boilerplate,
                               source_format, zh_variant, keep_quotes)
    if explain:
        return _explain(paths, read_options)
    render_options = RenderOptions(font, font_index, font_family, embed_fonts,
                                   _writer_options(writer_values))
    _check_font(render_options)
    # --title is the book's with --combine; the other overrides reach the book through
    # its articles (authors, date and language are the articles').
    meta = Overrides(title if book is None else None, authors, published, source, language)
    # With a document on standard output, everything else goes to standard error.
    summary_stream = sys.stderr if to_stdout else sys.stdout

    # Plan: which inputs, which outputs, what is already up to date.
    declared = writers.declared_options()
    fingerprints = {  # a format's outputs depend on its own writer options only
        f: fingerprint(f, read_options,
                       render_options.for_writer([o.name for o in declared.get(f, ())]),
                       *([meta] if meta else []))
        for f in formats
    }
    include = include or batch.DEFAULT_INCLUDE
    if any(storage.is_url(p) for p in (*paths, output_dir)):  # an object store
        if book is not None:
            raise click.UsageError("--combine makes a local book from local inputs")
        try:
            sources = storage.collect(paths, include, exclude, output_dir)
            plan = storage.plan(sources, formats, fingerprints, output_dir, force)
        except ConvertError as exc:
            click.echo(f"convert: {exc}", err=True)
            return 2
    else:
        sources = batch.collect(paths, include, (*exclude, *batch.DEFAULT_EXCLUDE), output_dir)
        plan = batch.plan(sources, formats, fingerprints, output_dir, force, output_file)
    if not sources:
        click.echo(_no_input(paths, include, exclude), err=True)
        return EXIT_FAILED
    _refuse_overwrites(report_path, book, plan)

    # Standard input is read here, once, bounded like any file.
    stdin: dict[int, bytes] = {}
    for job in plan.jobs:
        if inputs.is_stdin(job.source) and job.error is None:
            try:
                stdin[job.index] = inputs.read_stdin(max_size, readers.sniffer(
                    read_options.source_format or readers.DEFAULT, read_options))
            except ConvertError as exc:
                job.error, job.outputs = str(exc), []

    # Run: everything not up to date; every readable input when making a book.
    tasks = [
        runner.Task(
            job.index,
            job.source,
            tuple((o.fmt, o.path) for o in job.pending),
            keep_document=book is not None,
            data=stdin.get(job.index),
            overrides=meta,
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
                if out.fmt in outcome.done and out.path != runner.STDOUT:
                    plan.state.record(out.path, plan.fingerprints[out.fmt], outcome.source_stat)
        progress.update(job, outcome)

    try:
        result = runner.run(
            tasks,
            jobs=jobs or _cores(),
            formats=formats,
            read_options=read_options,
            render_options=render_options,
            max_size=max_size,
            on_outcome=on_outcome,
            fail_fast=fail_fast,
            scheduler=scheduler,
            batch_size=batch_size,
            signals=signals,
            on_progress=(lambda index, tick: progress.tick(jobs_by_index[index], tick))
            if progress.wants_ticks else None,
        )
    except ConvertError as exc:  # the cluster could not be reached or started
        click.echo(f"convert: {exc}", err=True)
        return 2
    finally:
        signals.mode = "defer"  # what finished is remembered, whatever comes now
        progress.close()
        plan.state.flush()
        for folder in {o.path.parent for j in plan.jobs for o in j.pending
                       if isinstance(o.path, Path) and o.path != runner.STDOUT}:
            atomic.sweep_stale(folder)
    report = Report.build(
        plan, result.outcomes, time.perf_counter() - started,
        result.interrupted, result.stopped_early,
    )
    if book is not None and not (result.interrupted or result.stopped_early):
        report.book = _make_book(book, paths, title, plan, result.outcomes, render_options,
                                 signals)
        report.interrupted = report.interrupted or signals.requested
        report.seconds = time.perf_counter() - started
    return _finish(report, report_path, quiet, verbose, signals, summary_stream)


def _finish(
    report: Report,
    report_path: Path | None,
    quiet: bool,
    verbose: bool,
    signals: runner.Signals,
    stream: TextIO,
) -> int:
    """The report file, then the summary (or, with -q, the failures): always both."""
    report_failed = False
    if report_path is not None:
        try:
            report.write_json(report_path)
        except (ConvertError, OSError) as exc:  # (an object store's own errors are OSErrors)
            report_failed = True
            click.echo(f"convert: --report: {exc}", err=True)
    try:
        if quiet:
            for rec in report.records:
                for err in rec.errors if rec.status == FAILED else ():
                    click.echo(f"convert: {display(rec.path)}: {err}", err=True)
            if report.book and report.book["status"] == FAILED:
                click.echo(f"convert: {report.book['path']}: {report.book['error']}", err=True)
        else:
            click.echo("\n".join(report.summary_lines(verbose)), file=stream)
    except BrokenPipeError:  # `convert … | head -1`: the reader has seen enough
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), stream.fileno())
    if signals.requested or report.interrupted:
        return signals.exit_status
    return EXIT_FAILED if report.failed or report_failed else 0


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
    signals: runner.Signals,
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
        signals.mode = "raise"  # a signal now abandons the book (write_atomic cleans up)
        try:
            warnings = combine.make_book(
                book, articles, title or combine.default_title(paths, book), options  # type: ignore[arg-type]
            )
        finally:
            signals.mode = "defer"
    except runner.Interrupted:
        return info | {"status": NOT_RUN, "error": "interrupted before it was written"}
    except Exception as exc:
        return info | {"status": FAILED, "error": runner.one_line(exc)}
    return info | {"status": "converted", "warnings": list(warnings)}
