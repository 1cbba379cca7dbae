"""English hyphenation patterns (pyphen's Liang patterns), parsed once per machine.

pyphen parses `hyph_en_US.dic` line by line in Python each time a process first
hyphenates: about 170 ms, more than the rest of an English article's PDF. Each
pool worker paid it again. The parsed patterns are kept as JSON in the user's
cache folder (`$XDG_CACHE_HOME/convert`, else `~/.cache/convert`), named by
pyphen's version and the dictionary file's size and time, and read back in a few
milliseconds; any problem with the cache (unwritable, damaged, another pyphen)
falls back to pyphen's own parsing, with the same result.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from pathlib import Path
from typing import Any

LANGUAGE = "en_US"


def cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "convert"


def english() -> Any:  # -> pyphen.Pyphen
    """At least two letters before a break and three after, as in TeX for English."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(LANGUAGE)]
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = _patterns(pyphen, Path(path))
    return pyphen.Pyphen(lang=LANGUAGE, left=2, right=3)


def _patterns(pyphen: Any, path: Path) -> Any:  # -> pyphen.HyphDict
    try:
        found = path.stat()
        key = f"{pyphen.__version__}|{path}|{found.st_size}|{found.st_mtime_ns}"
        digest = hashlib.sha1(key.encode()).hexdigest()[:16]
        cached = cache_folder() / f"hyph-{LANGUAGE}-{digest}.json"
    except (OSError, AttributeError):
        return pyphen.HyphDict(path)
    try:
        data = json.loads(cached.read_text(encoding="utf-8"))
        hd = object.__new__(pyphen.HyphDict)
        hd.patterns = {k: (start, tuple(values)) for k, (start, values) in data.items()}
        hd.cache = {}
        hd.maxlen = max(len(k) for k in hd.patterns)
        return hd
    except (OSError, ValueError, TypeError):
        pass  # not there yet, or not ours to read: parse the dictionary
    hd = pyphen.HyphDict(path)
    plain = all(type(v) is int for _, values in hd.patterns.values() for v in values)
    if plain:  # alternative-spelling patterns (not in English) are not kept as JSON
        _write(cached, {k: [start, list(values)] for k, (start, values) in hd.patterns.items()})
    return hd


def _write(path: Path, data: dict[str, Any]) -> None:
    """Whole or not at all (another process may be reading or writing it too)."""
    partial = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial.write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")
        os.replace(partial, path)
    except OSError:  # a read-only home or a full disk: parse each time, as before
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
