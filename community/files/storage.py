"""Where uploaded files are kept: one adapter per backend (S3 bucket or filesystem), chosen here."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from uuid import uuid4

from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy
from storages.backends.s3 import S3Storage

from community.errors import CimaiseError
from community.files.sniffing import SNIFF_BYTES, file_extension

logger = logging.getLogger(__name__)

# The exceptions a storage backend raises when the store fails (for `except` clauses).
STORAGE_ERRORS = (OSError, BotoCoreError, ClientError)


class StorageUnavailable(CimaiseError):
    """The file store could not be reached or refused the operation."""

    message = gettext_lazy(
        "Le stockage des fichiers est momentanément indisponible. "
        "Rien n'a été enregistré ; réessayez dans quelques minutes."
    )
    status = 503


# -- adapters ---------------------------------------------------------------------------------


class _Files:
    """What both backends do alike, through Django's storage API. Errors are the backend's own:
    the module functions below turn them into StorageUnavailable."""

    direct_uploads = False  # True when browsers may send files straight to the store

    def __init__(self, storage):
        self.storage = storage

    def save(self, name: str, content) -> str:
        return self.storage.save(name, content)

    def delete(self, name: str) -> None:
        self.storage.delete(name)

    def exists(self, name: str) -> bool:
        return self.storage.exists(name)

    def size(self, name: str) -> int:
        return self.storage.size(name)

    def open(self, name: str):
        return self.storage.open(name, "rb")


class FileSystemFiles(_Files):
    """Files on the server's disk (FileSystemStorage): read through Django, streamed by it."""

    def read_start(self, name: str, length: int) -> bytes:
        with self.open(name) as handle:
            return handle.read(length)

    def iter_chunks(self, name: str, chunk_size: int) -> Iterator[bytes]:
        with self.open(name) as handle:
            while chunk := handle.read(chunk_size):
                yield chunk

    def list(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        if not self.storage.exists(prefix):
            return
        yield from self._walk(prefix.rstrip("/"))

    def _walk(self, folder: str) -> Iterator[tuple[str, datetime]]:
        directories, filenames = self.storage.listdir(folder)
        for filename in filenames:
            name = f"{folder}/{filename}"
            modified = self.storage.get_modified_time(name)
            if timezone.is_naive(modified):
                modified = timezone.make_aware(modified)
            yield name, modified
        for directory in directories:
            yield from self._walk(f"{folder}/{directory}")

    def copy(self, source: str, target: str, *, content_type: str = "") -> None:  # noqa: ARG002 - a disk keeps no type
        if not self.storage.exists(source):
            raise FileNotFoundError(source)
        with self.open(source) as handle:
            self.storage.save(target, handle)

    def presigned_post(self, *_args, **_kwargs) -> dict:
        # Callers ask direct_uploads() first: the views send the file through Django instead.
        raise NotImplementedError("Direct uploads need an S3 bucket.")

    def download_url(self, *_args, **_kwargs) -> None:
        """None: a file on disk has no URL of its own, downloads.py streams it."""
        return None


class S3Files(_Files):
    """Files in an S3 bucket (django-storages' S3Storage), read and copied with boto3 directly
    where the storage API would transfer more than needed."""

    direct_uploads = True

    @property
    def client(self):
        # The storage's connection is per thread: asked for at each use, never kept.
        return self.storage.connection.meta.client

    @property
    def bucket(self) -> str:
        return self.storage.bucket_name

    def key(self, name: str) -> str:
        """The object key of a stored name (the storage's location prepended)."""
        return self.storage._normalize_name(name)

    def read_start(self, name: str, length: int) -> bytes:
        """A ranged GET, so the rest of the file is not transferred."""
        response = self.client.get_object(
            Bucket=self.bucket, Key=self.key(name), Range=f"bytes=0-{length - 1}"
        )
        return response["Body"].read()

    def iter_chunks(self, name: str, chunk_size: int) -> Iterator[bytes]:
        body = self.client.get_object(Bucket=self.bucket, Key=self.key(name))["Body"]
        yield from body.iter_chunks(chunk_size)

    def list(self, prefix: str) -> Iterator[tuple[str, datetime]]:
        location = self.storage.location.strip("/")
        full_prefix = f"{location}/{prefix}" if location else prefix
        paginator = self.client.get_paginator("list_objects_v2")
        for page in paginator.paginate(Bucket=self.bucket, Prefix=full_prefix):
            for entry in page.get("Contents", []):
                key = entry["Key"]
                name = key[len(location) + 1 :] if location else key
                yield name, entry["LastModified"]

    def copy(self, source: str, target: str, *, content_type: str = "") -> None:
        """A server-side copy; `content_type` replaces the object's when given."""
        extra = (
            {"MetadataDirective": "REPLACE", "ContentType": content_type} if content_type else {}
        )
        self.client.copy_object(
            Bucket=self.bucket,
            Key=self.key(target),
            CopySource={"Bucket": self.bucket, "Key": self.key(source)},
            **extra,
        )

    def presigned_post(self, name: str, *, size: int, expires: int) -> dict:
        return self.client.generate_presigned_post(
            Bucket=self.bucket,
            Key=self.key(name),
            Conditions=[["content-length-range", size, size]],
            ExpiresIn=expires,
        )

    def download_url(self, name: str, *, filename: str, content_type: str) -> str:
        """A presigned URL valid FILE_URL_EXPIRY seconds whose response is an attachment."""
        disposition = content_disposition_header(as_attachment=True, filename=filename)
        return self.storage.url(
            name,
            parameters={
                "ResponseContentDisposition": disposition,
                "ResponseContentType": content_type,
            },
            expire=settings.FILE_URL_EXPIRY,
        )


# Both wrap the lazy default storage, so a change of settings.STORAGES (tests) is followed.
_FILESYSTEM = FileSystemFiles(default_storage)
_S3 = S3Files(default_storage)


def backend() -> FileSystemFiles | S3Files:
    """The adapter of the storage every uploaded file goes to (settings.STORAGES["default"])."""
    # isinstance sees through the lazy object (it proxies __class__).
    return _S3 if isinstance(default_storage, S3Storage) else _FILESYSTEM


def direct_uploads() -> bool:
    """True when browsers send files straight to the bucket (S3), False when through Django."""
    return backend().direct_uploads


@contextmanager
def unavailable():
    """Turn a failure of the store into StorageUnavailable, the message people are shown."""
    try:
        yield
    except STORAGE_ERRORS as error:
        raise StorageUnavailable() from error


# -- operations -------------------------------------------------------------------------------


def generated_name(prefix: str, original_name: str) -> str:
    """A stored name nobody can steer: the prefix, a random id and the (sanitised) extension."""
    extension = file_extension(original_name or "")
    if not re.fullmatch(r"\.[a-z0-9]{1,10}", extension):
        extension = ""
    prefix = "/".join(part for part in prefix.split("/") if part not in ("", ".", ".."))
    return f"{prefix}/{uuid4().hex}{extension}"


def save_file(uploaded_file, *, prefix: str) -> str:
    """Store a file under a generated name and return that name; StorageUnavailable on failure."""
    name = generated_name(prefix, getattr(uploaded_file, "name", "") or "")
    try:
        uploaded_file.seek(0)
    except (AttributeError, OSError, ValueError):
        pass
    try:
        return backend().save(name, uploaded_file)
    except STORAGE_ERRORS as error:
        logger.warning("Storing %s failed: %s", name, error)
        delete_file(name)
        raise StorageUnavailable() from error


def delete_file(name: str) -> bool:
    """Remove a stored file; True when it is gone. Failures are logged: documents_gc retries."""
    if not name:
        return True
    try:
        backend().delete(name)
    except STORAGE_ERRORS as error:
        logger.warning("Deleting %s failed: %s", name, error)
        return False
    return True


def file_exists(name: str) -> bool:
    with unavailable():
        return backend().exists(name)


def stored_size(name: str) -> int:
    """The size of a stored file (a HEAD request on S3)."""
    with unavailable():
        return backend().size(name)


def read_start(name: str, length: int = SNIFF_BYTES) -> bytes:
    """The first bytes of a stored file (a ranged GET on S3, so the rest is not transferred)."""
    with unavailable():
        return backend().read_start(name, length)


def iter_chunks(name: str, chunk_size: int = 1024 * 1024) -> Iterator[bytes]:
    """The content of a stored file, chunk by chunk (constant memory)."""
    with unavailable():
        yield from backend().iter_chunks(name, chunk_size)


def list_files(prefix: str) -> Iterator[tuple[str, datetime]]:
    """Every stored file under `prefix` with its last modification time (aware)."""
    prefix = prefix.strip("/") + "/"
    with unavailable():
        yield from backend().list(prefix)


def presigned_post(name: str, *, size: int, expires: int) -> dict:
    """A presigned POST letting a browser put one object of exactly `size` bytes at `name`.

    S3 refuses the POST once `expires` seconds have passed, for another key or another size. The
    browser can still POST again to the same key with the same size until then: the server
    copies the object to a key of its own before checking it, and serves only that copy.
    """
    with unavailable():
        return backend().presigned_post(name, size=size, expires=expires)


def copy_file(source: str, target: str, *, content_type: str = "") -> None:
    """Copy a stored file to another name (server side on S3). FileNotFoundError when `source`
    is missing, StorageUnavailable when the store fails."""
    try:
        backend().copy(source, target, content_type=content_type)
    except STORAGE_ERRORS as error:
        if _missing(error):
            raise FileNotFoundError(source) from error
        raise StorageUnavailable() from error


def _missing(error: BaseException) -> bool:
    response = getattr(error, "response", None) or {}
    code = str(response.get("Error", {}).get("Code", ""))
    return code in ("NoSuchKey", "404", "NotFound") or isinstance(error, FileNotFoundError)
