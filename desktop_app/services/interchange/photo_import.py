"""An imported photo, decoded in the parser process and stored within the photo rules (services/photos.py).

Every later stage (the detail pane, rendering, the national platform's 50 KB limit) trusts the stored
photo, so the importer decodes each one with the same safe decoder the edit form uses: a file that
does not decode, or describes more pixels than the limit (a decompression bomb), costs its own line
only. A photo that decodes, is a JPEG or PNG in a mode every stage draws, and is within the size
limit is stored byte for byte (so export gives back what was imported); any other is re-encoded as
the edit form stores photos (`make_certificate_photo`: a 25:35 JPEG at 200–300 dpi within 50 KB).
Results are remembered per file content: provincial exports repeat placeholder photos.
"""

from __future__ import annotations

import hashlib
import io

from PIL import Image

from desktop_app.domain.record import RecordError
from desktop_app.domain.rules import default_rules
from desktop_app.messages import current_language, msg
from desktop_app.services.photos import PhotoError, inspect_photo, make_certificate_photo

PhotoRow = tuple[str, bytes, str]  # mime, bytes, sha256

# Modes stored as supplied: every stage draws these (certs/render.py converts all but JPEG RGB/L).
KEEP_MODES = {"JPEG": frozenset({"RGB", "L"}), "PNG": frozenset({"RGB", "RGBA", "L", "LA", "P", "1"})}
CACHE_MAX = 1024  # remembered results (by content) per parser process

_checked: dict[tuple[str, str], PhotoRow | str] = {}


def photo_row(data: bytes) -> PhotoRow:
    """The photo as stored (mime, bytes, sha256), or RecordError saying why it cannot be used."""
    digest = hashlib.sha256(data).hexdigest()
    key = (digest, current_language())  # a rejection is a sentence in the current language
    found = _checked.get(key)
    if found is None:
        found = _check(data, digest)
        if len(_checked) < CACHE_MAX:
            _checked[key] = found
    if isinstance(found, str):
        raise RecordError(found)
    return found


def _check(data: bytes, digest: str) -> PhotoRow | str:
    limit = default_rules().photo_max_bytes
    try:
        _decode(data)
        with Image.open(io.BytesIO(data)) as image:  # the header again, for format and mode
            kind, mode = image.format or "", image.mode
        if len(data) <= limit and mode in KEEP_MODES.get(kind, ()):
            return f"image/{kind.lower()}", data, digest
        stored = make_certificate_photo(data, max_bytes=limit)
    except PhotoError as exc:
        return _reason(str(exc))
    except Exception as exc:  # an untrusted file can make a decoder fail in any way
        return _reason(str(msg("photo.damaged", detail=type(exc).__name__)))
    return "image/jpeg", stored, hashlib.sha256(stored).hexdigest()


def _decode(data: bytes) -> None:
    """Decode fully (pixel limit first); a photo below the edit form's minimum size is still usable."""
    try:
        inspect_photo(data)
    except PhotoError as exc:
        if exc.code != "photo.too_small":
            raise


def _reason(detail: str) -> str:
    return str(msg("record.photo_unusable", reason=detail))
