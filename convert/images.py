"""Figures' images: where a `Figure.src` points and whether it can be drawn.

`src` is a URL or a path relative to the model's file (`Document.base`, the
input's folder). Local PNG, JPEG and GIF files are embedded; http(s) images are
never fetched (a converter that reaches out to the network on its own is a
surprise and a leak), so their alt text and caption stand in and a warning lists
them. A file that is missing or is not an image Pillow can open is skipped the
same way, with a warning — never a traceback.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

MEDIA_TYPES = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif"}
EXTENSIONS = {"PNG": ".png", "JPEG": ".jpg", "GIF": ".gif"}
MAX_IMAGE_BYTES = 64 * 1024 * 1024  # larger than any photo in an article


@dataclass(frozen=True, slots=True)
class Image:
    """An image file ready to embed."""

    data: bytes
    format: str  # PNG | JPEG | GIF (Pillow's name)
    width: int  # pixels
    height: int

    @property
    def media_type(self) -> str:
        return MEDIA_TYPES[self.format]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def is_remote(src: str) -> bool:
    return urlparse(src).scheme.lower() in ("http", "https", "ftp", "data")


def local_path(src: str, base: str | None) -> Path | None:
    """The file a non-remote `src` names (file: URLs included), or None."""
    parsed = urlparse(src)
    if parsed.scheme.lower() == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:  # mailto:, javascript:, … (C: is a drive)
        return None
    path = Path(src)
    if not path.is_absolute() and base is not None:
        path = Path(base) / path
    return path


def load(src: str, base: str | None) -> tuple[Image | None, str | None]:
    """(image, None) for an image we can embed, else (None, why not) in a few words."""
    if not src.strip():
        return None, "no source"
    if is_remote(src):
        return None, "remote, not fetched"
    from convert import storage

    if base is not None and storage.is_url(base) and not urlparse(src).scheme:
        return _stored(storage.join(base, src))  # an object store's page: its images too
    path = local_path(src, base)
    if path is None:
        return None, "not an image address"
    if base is None and not path.is_absolute():
        return None, "relative path, and the model's folder is unknown"
    try:
        data = path.read_bytes()
    except OSError as exc:
        return None, exc.strerror or "cannot be read"
    return check(data)


def _stored(url: str) -> tuple[Image | None, str | None]:
    from convert import storage
    from convert.errors import InputError

    try:
        _, data = storage.read(url, MAX_IMAGE_BYTES)
    except InputError as exc:
        return None, str(exc)
    return check(data)


def check(data: bytes) -> tuple[Image | None, str | None]:
    """Pillow opens and fully decodes the image: a truncated file is refused here,
    not half-drawn (or a traceback) inside a writer."""
    from PIL import Image as PILImage
    from PIL import UnidentifiedImageError

    try:
        with PILImage.open(io.BytesIO(data)) as im:
            fmt = im.format or ""
            im.load()
            width, height = im.size
    except UnidentifiedImageError:
        return None, "not an image convert can read"
    except Exception:  # Pillow raises many kinds for a broken file (struct.error, …)
        return None, "not an image convert can read"
    if fmt not in MEDIA_TYPES:
        return None, f"{fmt or 'unknown'} images are not supported (PNG, JPEG, GIF are)"
    if width < 1 or height < 1:
        return None, "empty image"
    return Image(data, fmt, width, height), None


class Images:
    """Loads each figure's image once per document and collects one warning.

    `said` are the document's own warnings: a remote image its reader already
    reported (the web readers do) is not reported again by every writer."""

    def __init__(self, base: str | None, writer: str, said: tuple[str, ...] = ()) -> None:
        self.base = base
        self.writer = writer
        self._said = "\n".join(said)
        self._cache: dict[str, Image | None] = {}
        self.skipped: dict[str, str] = {}

    def get(self, src: str) -> Image | None:
        if src not in self._cache:
            image, why = load(src, self.base)
            self._cache[src] = image
            if why is not None and not (is_remote(src) and src in self._said):
                self.skipped[src] = why
        return self._cache[src]

    def warnings(self) -> tuple[str, ...]:
        if not self.skipped:
            return ()
        listed = "; ".join(f"{src} ({why})" for src, why in self.skipped.items())
        # (The report names the format: the writer is not repeated here.)
        return (f"{len(self.skipped)} image(s) not embedded, "
                f"alt text and caption shown instead: {listed}",)
