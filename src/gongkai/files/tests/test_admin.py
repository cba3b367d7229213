from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.files.kinds import ALL_KINDS
from gongkai.files.services import store_upload

from . import samples


def test_administrators_see_stored_files_read_only(admin_client):
    stored = store_upload(
        SimpleUploadedFile("现场照片.png", samples.png()), allowed_kinds=ALL_KINDS
    )
    listing = admin_client.get("/admin/files/storedfile/")
    assert listing.status_code == 200
    assert "现场照片.png" in listing.content.decode()
    assert admin_client.get("/admin/files/storedfile/add/").status_code == 403
    detail = admin_client.get(f"/admin/files/storedfile/{stored.pk}/change/")
    assert detail.status_code == 200
    page = detail.content.decode()
    assert stored.sha256 in page
    assert "/media/" not in page
    assert admin_client.post(f"/admin/files/storedfile/{stored.pk}/delete/").status_code == 403
