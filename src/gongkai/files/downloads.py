"""Serving a stored file as a download.

``file_response(stored_file)`` only serves: whether the requester may have
the file is for the calling view to decide (through ``gongkai.access``)
before it calls this.
"""

from __future__ import annotations

import os
import re
from urllib.parse import quote

from django.http import FileResponse

from .kinds import KIND_INFO, FileKind
from .models import StoredFile
from .services import sanitize_filename

# Kinds a browser may show inline; everything else is always a download.
INLINE_KINDS = frozenset({FileKind.PDF, FileKind.JPEG, FileKind.PNG})


def _ascii_fallback(filename: str) -> str:
    stem, ext = os.path.splitext(filename)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem).strip("._-")
    ext = re.sub(r"[^A-Za-z0-9.]+", "", ext)
    return f"{stem or 'download'}{ext}"


def content_disposition(filename: str, *, as_attachment: bool = True) -> str:
    """A ``Content-Disposition`` value safe for any filename (RFC 6266 / RFC 5987).

    Old clients read the ASCII ``filename=``; every current browser reads
    ``filename*=UTF-8''…`` with the full (e.g. Chinese) name, percent-encoded.
    """
    filename = sanitize_filename(filename) or "download"
    disposition = "attachment" if as_attachment else "inline"
    return (
        f'{disposition}; filename="{_ascii_fallback(filename)}"; '
        f"filename*=UTF-8''{quote(filename, safe='')}"
    )


def file_response(
    stored_file: StoredFile, *, as_attachment: bool = True, filename: str | None = None
) -> FileResponse:
    """Stream the file with its MIME type, a safe filename and ``nosniff``.

    ``filename`` overrides the stored original name (its extension should stay
    that of the kind). ``as_attachment=False`` lets a browser show a PDF or an
    image inline; any other kind is sent as an attachment all the same. The
    ``Content-Type`` is exactly the kind's (no charset, nothing from the
    upload). The response is ``Cache-Control: private``; callers serving
    public disclosure files may relax that.
    """
    as_attachment = as_attachment or stored_file.kind not in INLINE_KINDS
    handle = stored_file.blob.storage.open(stored_file.blob.name, "rb")
    response = FileResponse(handle, content_type=KIND_INFO[stored_file.kind].mime_type)
    response["Content-Disposition"] = content_disposition(
        filename or stored_file.original_name, as_attachment=as_attachment
    )
    response["Content-Length"] = str(stored_file.size)
    response["X-Content-Type-Options"] = "nosniff"
    response["ETag"] = f'"{stored_file.sha256}"'
    response["Cache-Control"] = "private"
    return response
