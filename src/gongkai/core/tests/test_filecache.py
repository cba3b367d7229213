"""The page cache's store on disk: culled as Django's is, without listing the directory
on every store."""

from __future__ import annotations

from gongkai.core import filecache


def test_the_directory_is_listed_on_the_first_store_and_then_every_check_every(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(filecache, "CHECK_EVERY", 5)
    store = filecache.FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 10}})
    listings = []
    listed = store._list_cache_files
    monkeypatch.setattr(store, "_list_cache_files", lambda: listings.append(1) or listed())
    for number in range(40):
        store.set(f"page:{number}", f"<p>{number}</p>")
    assert len(listings) == 8  # stores 1, 6, 11 … 36: not 40
    files = list(tmp_path.glob("*.djcache"))
    assert len(files) <= 10 + 5  # over the maximum by less than CHECK_EVERY stores
    assert store.get("page:39") == "<p>39</p>"  # the newest survives a cull before it
