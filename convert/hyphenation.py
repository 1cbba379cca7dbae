"""English hyphenation patterns (pyphen's Liang patterns), parsed once per machine.

pyphen parses `hyph_en_US.dic` line by line in Python each time a process first
hyphenates: about 170 ms, more than the rest of an English article's PDF. Each
pool worker paid it again. The parsed patterns are kept as JSON in the user's
cache folder (convert.cache), named by pyphen's version and the dictionary file,
and read back in a few milliseconds; any problem with the cache falls back to
pyphen's own parsing, with the same result.
"""

from __future__ import annotations

import json
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
        cached = cache.path_for(f"hyph-{LANGUAGE}", pyphen.__version__, *cache.source_key(path),
                                suffix=".json")
    except (OSError, AttributeError):
        return pyphen.HyphDict(path)
    try:
        data = json.loads(cache.read(cached) or b"")
        hd = object.__new__(pyphen.HyphDict)
        hd.patterns = {k: (start, tuple(values)) for k, (start, values) in data.items()}
        hd.cache = {}
        hd.maxlen = max(len(k) for k in hd.patterns)
        return hd
    except (ValueError, TypeError, AttributeError):
        pass  # not there yet, or not ours to read: parse the dictionary
    hd = pyphen.HyphDict(path)
    plain = all(type(v) is int for _, values in hd.patterns.values() for v in values)
    if plain:  # alternative-spelling patterns (not in English) are not kept as JSON
        data = {k: [start, list(values)] for k, (start, values) in hd.patterns.items()}
        cache.write(cached, json.dumps(data, separators=(",", ":")).encode())
    return hd
