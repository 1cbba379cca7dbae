"""Regular expressions compiled once per machine instead of once per process.

Python turns each pattern into a program for its matching engine every time a
process starts. The reader's recogniser and its neighbours have about 160 patterns,
many with large CJK character classes (a class of the 27,000 Han characters costs
about 1 ms by itself): 55 ms before every conversion, a seventh of a one-article
run. The programs are kept in the user's cache folder (convert.cache), in a file
named by the Python build and the engine's version, and handed straight to the
engine, as `re.compile` itself ends (`_sre.compile`). Anything unexpected -- no
file, a damaged one, internals that moved -- compiles the usual way; the pattern
object is the same either way.
"""

from __future__ import annotations

import marshal
import re
import sys
from typing import Any

from convert import cache

try:  # the engine and its compiler (CPython's, 3.11 and later)
    import _sre
    from re import _compiler, _parser
except ImportError:  # pragma: no cover - another Python: re.compile does it all
    _sre = None

_FORMAT = 1
_MAX_KEPT = 2000  # far above the package's own; stale programs of old versions are let go

Program = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]

_programs: dict[tuple[str, int], Program] | None = None  # the cache file's, read once
_new: dict[tuple[str, int], Program] = {}  # compiled here, not yet in the file
_used: set[tuple[str, int]] = set()


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """re.compile(pattern, flags), from the cached program when there is one."""
    if _sre is None:
        return re.compile(pattern, flags)
    key = (pattern, int(flags))
    _used.add(key)
    program = _known().get(key) or _new.get(key)
    if program is not None:
        try:
            return _sre.compile(pattern, *program)  # type: ignore[no-any-return]
        except Exception:
            pass
    try:
        program = _program(pattern, int(flags))
        compiled = _sre.compile(pattern, *program)
    except re.error:
        raise
    except Exception:
        return re.compile(pattern, flags)
    _new[key] = program
    return compiled  # type: ignore[no-any-return]


def save() -> None:
    """Keep what this process compiled that the file lacked (nothing to do after the
    first run on a machine); a read-only cache folder is no error (convert.cache)."""
    if _sre is None or not _new:
        return
    programs = {**_known(), **_new}
    if len(programs) > _MAX_KEPT:
        programs = {k: v for k, v in programs.items() if k in _used}
    try:
        data = marshal.dumps(programs)
    except ValueError:  # something marshal cannot keep: compiled anew next time
        return
    cache.write(_file(), data)
    _known().update(_new)
    _new.clear()


def _file() -> Any:
    return cache.path_for("regex", _FORMAT, sys.version, _sre.MAGIC, _sre.CODESIZE,
                          suffix=".marshal")


def _known() -> dict[tuple[str, int], Program]:
    global _programs
    if _programs is None:
        _programs = {}
        data = cache.read(_file())
        try:
            found = marshal.loads(data) if data else {}
        except (ValueError, EOFError, TypeError):
            found = {}  # damaged: compiled anew, and written whole again
        if isinstance(found, dict):
            _programs = found
    return _programs


def _program(pattern: str, flags: int) -> Program:
    """What re._compiler.compile hands the engine, short of the engine itself."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are int subclasses
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex,
            tuple(indexgroup))
