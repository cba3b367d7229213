"""The limits on uploads and on text extraction, read from the settings.

Each has a default here, so a deployment that sets none of them is protected
all the same (see ``docs/files.md``):

=================================  ===========  =============================================
setting                            default      what it limits
=================================  ===========  =============================================
``UPLOAD_ZIP_MAX_TOTAL_BYTES``     100 MiB      declared uncompressed size of a DOCX/XLSX/OFD
``UPLOAD_ZIP_MAX_RATIO``           100          uncompressed/compressed, per member above 1 MiB
``UPLOAD_ZIP_MAX_MEMBERS``         5,000        members of one archive
``EXTRACTION_MEMORY_BYTES``        512 MiB      address space of the extraction child
``EXTRACTION_TIMEOUT_SECONDS``     60           wall-clock time of one extraction
``EXTRACTION_XML_MAX_BYTES``       32 MiB       XML read from one part during extraction
=================================  ===========  =============================================
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

MiB = 1024 * 1024

DEFAULTS = {
    "UPLOAD_ZIP_MAX_TOTAL_BYTES": 100 * MiB,
    "UPLOAD_ZIP_MAX_RATIO": 100,
    "UPLOAD_ZIP_MAX_MEMBERS": 5_000,
    "EXTRACTION_MEMORY_BYTES": 512 * MiB,
    "EXTRACTION_TIMEOUT_SECONDS": 60,
    "EXTRACTION_XML_MAX_BYTES": 32 * MiB,
}
# Members at most this large are not held to the ratio: small XML compresses well.
ZIP_RATIO_FROM_BYTES = 1 * MiB
# The central directory is read whole by zipfile: its size is checked first.
ZIP_MAX_DIRECTORY_BYTES = 2 * MiB


def setting(name: str) -> int:
    return int(getattr(settings, name, None) or DEFAULTS[name])


@dataclass(frozen=True)
class ZipLimits:
    max_total_bytes: int
    max_ratio: int
    max_members: int
    ratio_from_bytes: int = ZIP_RATIO_FROM_BYTES
    max_directory_bytes: int = ZIP_MAX_DIRECTORY_BYTES


def zip_limits() -> ZipLimits:
    return ZipLimits(
        max_total_bytes=setting("UPLOAD_ZIP_MAX_TOTAL_BYTES"),
        max_ratio=setting("UPLOAD_ZIP_MAX_RATIO"),
        max_members=setting("UPLOAD_ZIP_MAX_MEMBERS"),
    )
