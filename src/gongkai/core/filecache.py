"""The whole-page cache's store on disk when no Redis is configured (``CACHES["pages"]``).

Django's ``FileBasedCache`` decides whether to cull by listing its whole directory on
every ``set``: with the page cache's 50,000 entries that listing costs more than
rendering the page it stores (about 7 ms per store with 2,000 files on this machine,
growing with the files). This one lists it on a process's first store and then once
every ``CHECK_EVERY`` stores, so the directory may hold up to ``CHECK_EVERY`` entries
per process more than ``MAX_ENTRIES`` before a third of it is culled, as Django's
would.
"""

from __future__ import annotations

import itertools

from django.core.cache.backends.filebased import FileBasedCache

CHECK_EVERY = 200


class FileCache(FileBasedCache):
    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._stores = itertools.count()  # next() is atomic: threads share the count

    def _cull(self):
        if next(self._stores) % CHECK_EVERY == 0:
            super()._cull()
