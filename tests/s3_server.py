"""A real S3 endpoint for tests: moto in server mode on 127.0.0.1, reached over HTTP by boto3.

moto's ThreadedMotoServer, plus the expiry of presigned URLs that moto does not check.
"""

import socket
import uuid

import boto3
import pytest
from botocore.config import Config

ACCESS_KEY = "testing"
SECRET_KEY = "testing"
REGION = "us-east-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def expiring_presigned_urls(app):
    """WSGI middleware: refuse presigned URLs past their X-Amz-Expires, as real S3 does.

    moto checks neither the signature's age nor POST policy conditions; this restores the
    expiry check so the tests can see a download URL die.
    """
    import datetime
    from urllib.parse import parse_qs

    def middleware(environ, start_response):
        query = parse_qs(environ.get("QUERY_STRING", ""))
        if "X-Amz-Date" in query and "X-Amz-Expires" in query:
            signed = datetime.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ").replace(
                tzinfo=datetime.UTC
            )
            expires = signed + datetime.timedelta(seconds=int(query["X-Amz-Expires"][0]))
            if datetime.datetime.now(datetime.UTC) > expires:
                body = (
                    b'<?xml version="1.0" encoding="UTF-8"?><Error><Code>AccessDenied</Code>'
                    b"<Message>Request has expired</Message></Error>"
                )
                start_response(
                    "403 Forbidden",
                    [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))],
                )
                return [body]
        return app(environ, start_response)

    return middleware


def _moto_server_class():
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    class ExpiringMotoServer(ThreadedMotoServer):
        def _server_entry(self) -> None:
            app = expiring_presigned_urls(DomainDispatcherApplication(create_backend_app))
            self._server = make_server(
                self._ip_address, self._port, app, True, request_handler=MotoRequestHandler
            )
            self._server_ready_event.set()
            self._server.serve_forever()

    return ExpiringMotoServer


class S3Server:
    """moto's ThreadedMotoServer on a free local port; can be stopped and started again."""

    def __init__(self):
        self.port = free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self._server = None

    def start(self):
        self._server = _moto_server_class()(ip_address="127.0.0.1", port=self.port, verbose=False)
        self._server.start()

    def stop(self):
        if self._server is not None:
            self._server.stop()
            self._server = None

    @property
    def running(self) -> bool:
        return self._server is not None

    def client(self):
        return boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=ACCESS_KEY,
            aws_secret_access_key=SECRET_KEY,
            region_name=REGION,
            config=Config(s3={"addressing_style": "path"}, signature_version="s3v4"),
        )


@pytest.fixture(scope="session")
def s3_server():
    server = S3Server()
    server.start()
    yield server
    server.stop()


def _reset_storages():
    from django.core.files.storage import default_storage, storages
    from django.utils.functional import empty

    storages._storages = {}
    default_storage._wrapped = empty


@pytest.fixture
def s3_storage(settings, s3_server):
    """A fresh private bucket, set as the default storage. Yields the bucket name.

    The fixture has `.client` and `.keys()` helpers on the returned object for assertions.
    """
    if not s3_server.running:  # a fault-injection test stopped it
        s3_server.start()
    bucket = f"cimaise-test-{uuid.uuid4().hex[:12]}"
    client = s3_server.client()
    client.create_bucket(Bucket=bucket, ACL="private")
    settings.S3_BUCKET = bucket
    settings.S3_ENDPOINT_URL = s3_server.endpoint_url
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": bucket,
                "endpoint_url": s3_server.endpoint_url,
                "access_key": ACCESS_KEY,
                "secret_key": SECRET_KEY,
                "region_name": REGION,
                "addressing_style": "path",
                "default_acl": None,
                "querystring_auth": True,
                "querystring_expire": settings.FILE_URL_EXPIRY,
                "file_overwrite": False,
                "signature_version": "s3v4",
            },
        },
    }
    _reset_storages()
    yield S3Bucket(bucket, client, s3_server)
    if not s3_server.running:
        s3_server.start()
    _reset_storages()


class S3Bucket:
    def __init__(self, name, client, server):
        self.name = name
        self.client = client
        self.server = server

    def __str__(self):
        return self.name

    def keys(self, prefix: str = "") -> list[str]:
        response = self.client.list_objects_v2(Bucket=self.name, Prefix=prefix)
        return sorted(entry["Key"] for entry in response.get("Contents", []))

    def get(self, key: str) -> bytes:
        return self.client.get_object(Bucket=self.name, Key=key)["Body"].read()
