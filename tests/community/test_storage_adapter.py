"""community/files/storage.py: the same file operations on the filesystem and on an S3 bucket."""

import pytest
from django.core.files.base import ContentFile

from community import files

PDF = b"%PDF-1.4 compte rendu de la journee d'etude\n" * 200


@pytest.fixture(params=["filesystem", "s3"])
def store(request):
    """The adapter of the configured storage: the tests' media folder (a tmp dir), or a bucket."""
    if request.param == "s3":
        request.getfixturevalue("s3_storage")
        assert isinstance(files.backend(), files.S3Files)
    else:
        assert isinstance(files.backend(), files.FileSystemFiles)
    return files.backend()


def test_the_adapter_follows_the_configured_storage(settings, s3_storage):
    assert isinstance(files.backend(), files.S3Files) and files.direct_uploads()
    assert files.backend().bucket == str(s3_storage)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    assert isinstance(files.backend(), files.FileSystemFiles) and not files.direct_uploads()


def test_a_saved_file_exists_with_its_size_and_start(store):
    name = store.save("tests/rapport.pdf", ContentFile(PDF))
    assert name.startswith("tests/rapport")
    assert store.exists(name)
    assert store.size(name) == len(PDF)
    assert store.read_start(name, 5) == b"%PDF-"
    assert b"".join(store.iter_chunks(name, 1000)) == PDF


def test_a_deleted_file_is_gone(store):
    name = store.save("tests/cv.pdf", ContentFile(PDF))
    store.delete(name)
    assert not store.exists(name)
    assert files.delete_file(name)  # deleting it again is not a failure


def test_a_copy_holds_the_same_bytes_and_the_source_stays(store):
    source = store.save("tests/incoming.pdf", ContentFile(PDF))
    store.copy(source, "tests/checked.pdf", content_type=files.PDF)
    assert store.read_start("tests/checked.pdf", len(PDF) + 1) == PDF
    assert store.exists(source)


def test_copying_a_missing_file_is_file_not_found(store):
    with pytest.raises(FileNotFoundError):
        files.copy_file("tests/absent.pdf", "tests/copy.pdf")
    assert not store.exists("tests/copy.pdf")


def test_reading_a_missing_file_is_storage_unavailable(store):
    with pytest.raises(files.StorageUnavailable):
        files.read_start("tests/absent.pdf")
    assert not store.exists("tests/absent.pdf")


def test_list_finds_the_files_under_a_prefix_only(store):
    kept = store.save("tests/a/b/note.txt", ContentFile(b"note"))
    store.save("elsewhere/note.txt", ContentFile(b"note"))
    listed = dict(store.list("tests/"))
    assert list(listed) == [kept]
    assert listed[kept].tzinfo is not None


def test_only_the_bucket_gives_a_download_url(store):
    name = store.save("tests/rapport.pdf", ContentFile(PDF))
    url = store.download_url(name, filename="rapport.pdf", content_type=files.PDF)
    if store.direct_uploads:
        assert "response-content-disposition=attachment" in url
    else:
        assert url is None  # downloads.py streams the file itself
