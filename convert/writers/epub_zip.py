"""The EPUB container as a deterministic zip: same entries -> same bytes.

The OCF spec wants `mimetype` first, stored (not compressed) and without an
extra field. zipfile stamps the current time and the host OS on every entry;
here both are fixed so two runs on the same article give identical files.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from datetime import datetime

MIMETYPE = b"application/epub+zip"
ZIP_EPOCH = datetime(1980, 1, 1)  # the earliest moment a zip header can record
_UNIX = 3  # create_system: fixed, or Windows and Linux builds would differ
_FILE_MODE = 0o100644 << 16  # a regular file, rw-r--r--


def zip_time(moment: datetime | None) -> tuple[int, int, int, int, int, int]:
    """A zip header date for `moment`, clamped to the range zip can store."""
    if moment is None or moment.replace(tzinfo=None) < ZIP_EPOCH:
        moment = ZIP_EPOCH
    moment = min(moment.replace(tzinfo=None), datetime(2107, 12, 31, 23, 59, 58))
    # zip stores seconds in steps of two; round down so the value is exact.
    return (moment.year, moment.month, moment.day, moment.hour, moment.minute,
            moment.second - moment.second % 2)


def _info(name: str, stamp: tuple[int, int, int, int, int, int], compress: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = compress
    info.create_system = _UNIX
    info.external_attr = _FILE_MODE
    return info


def build_epub_zip(
    entries: Iterable[tuple[str, bytes]],
    moment: datetime | None = None,
    *,
    level: int = 6,
) -> bytes:
    """Zip `entries` (path, bytes) after a stored `mimetype`, in the given order."""
    stamp = zip_time(moment)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(_info("mimetype", stamp, zipfile.ZIP_STORED), MIMETYPE)
        for name, data in entries:
            if name == "mimetype":
                continue  # already first
            archive.writestr(_info(name, stamp, zipfile.ZIP_DEFLATED), data,
                             compresslevel=level)
    return buffer.getvalue()
