"""What the reading options are: one small module, so that the command, the
registries and the transforms can name them without importing the text reader
(its recogniser compiles a hundred patterns: 0.1 s a process that reads nothing,
such as a rerun where every output is up to date)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ReadOptions:
    encoding: str | None = None  # --encoding: force a codec
    keep_punctuation: bool = False  # --keep-punctuation: no ASCII -> full-width
    keep_boilerplate: bool = False  # --keep-boilerplate: share buttons stay in the body
    # Read by convert.readers and convert.transforms rather than by this reader:
    source_format: str | None = None  # --from: the reader's name (default: by extension)
    zh_variant: str | None = None  # --zh-variant: an OpenCC conversion (s2tw, t2s, …)
    keep_quotes: bool = False  # --keep-quotes: no “” -> 「」 with --zh-variant to TW/HK
