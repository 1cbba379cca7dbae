"""Same input, same bytes: rewrite a zip package with fixed timestamps and order.

python-docx stamps every entry with the current time; caches, reruns and
`make`-style up-to-date checks need the file to depend on its content only.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping

# The earliest time a zip entry can hold; what reproducible-build tools use.
FIXED_TIME = (1980, 1, 1, 0, 0, 0)

# OPC readers expect the content-types item first and the package rels early.
_FIRST = ("[Content_Types].xml", "_rels/.rels")


def _order(name: str) -> tuple[int, str]:
    return (_FIRST.index(name), "") if name in _FIRST else (len(_FIRST), name)


def fixed_zip(data: bytes, contents: Mapping[str, bytes | list[bytes]] | None = None) -> bytes:
    """The same archive with every entry dated FIXED_TIME, in a stable order.

    `contents` replaces entries by name: large parts (embedded fonts) are saved
    as placeholders and filled in here, so they are compressed once, not twice.
    A list of pieces (a long text's body) is compressed as it is written, never joined.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {name: src.read(name) for name in src.namelist()}
    return zip_entries(entries, contents)


def zip_entries(entries: Mapping[str, bytes | list[bytes]],
                contents: Mapping[str, bytes | list[bytes]] | None = None) -> bytes:
    """An archive of `entries` (name -> bytes) as fixed_zip writes one; `contents`
    replaces entries by name."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for name in sorted(entries, key=_order):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, whatever machine wrote it
            content = contents[name] if contents and name in contents else entries[name]
            if isinstance(content, list):
                with dst.open(info, "w") as entry:  # zlib's default level is 6 as well
                    for piece in content:
                        entry.write(piece)
            else:
                dst.writestr(info, content, compresslevel=6)
    return out.getvalue()
