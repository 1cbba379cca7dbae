"""English hyphenation patterns (pyphen's Liang patterns), parsed once per machine.

pyphen parses `hyph_en_US.dic` line by line in Python each time a process first
hyphenates: about 170 ms, more than the rest of an English article's PDF. Each
pool worker paid it again. The parsed patterns are kept in marshal's format (as
the font maps are: a third of JSON's reading time) in the user's cache folder
(convert.cache), named by pyphen's and Python's versions and the dictionary file,
and read back in a few milliseconds; any problem with the cache falls back to
pyphen's own parsing, with the same result.
"""

from __future__ import annotations

import marshal
import sys
from pathlib import Path
from typing import Any

from convert import cache

LANGUAGE = "en_US"


def english() -> Any:  # -> pyphen.Pyphen
    """At least two letters before a break and three after, as in TeX for English."""
    import pyphen

    path = pyphen.LANGUAGES[pyphen.language_fallback(LANGUAGE)]
    if path not in pyphen.hdcache:
        pyphen.hdcache[path] = _patterns(pyphen, Path(path))
    return pyphen.Pyphen(lang=LANGUAGE, left=2, right=3)


def _patterns(pyphen: Any, path: Path) -> Any:  # -> pyphen.HyphDict
    try:
        cached = cache.path_for(f"hyph-{LANGUAGE}", pyphen.__version__, sys.version_info[:2],
                                *cache.source_key(path), suffix=".marshal")
    except (OSError, AttributeError):
        return pyphen.HyphDict(path)
    try:
        patterns = marshal.loads(cache.read(cached) or b"")
        if not (isinstance(patterns, dict) and patterns):
            raise ValueError("not a patterns table")
        hd = object.__new__(pyphen.HyphDict)
        hd.patterns = patterns
        hd.cache = {}
        hd.maxlen = max(len(k) for k in hd.patterns)
        return hd
    except (ValueError, TypeError, EOFError, AttributeError):
        pass  # not there yet, or not ours to read: parse the dictionary
    hd = pyphen.HyphDict(path)
    plain = all(type(v) is int for _, values in hd.patterns.values() for v in values)
    if plain:  # alternative-spelling patterns (objects, not in English) are not kept
        cache.write(cached, marshal.dumps(hd.patterns))
    return hd
