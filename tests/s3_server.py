"""A real S3 endpoint for tests: moto in server mode on 127.0.0.1, reached over HTTP by boto3.

moto's ThreadedMotoServer, plus what real S3 checks and moto does not (see `S3Rules`): the
expiry of presigned URLs, the conditions of presigned POST policies, and the refusal of an
unsigned listing of a private bucket. A test can also make the server answer like a provider
that lacks an API (`unsupported`) or move its clock (`clock`).
"""

import base64
import datetime
import io
import json
import socket
import uuid
from urllib.parse import parse_qs

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


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


class S3Rules:
    """The checks real S3 makes that moto skips, as WSGI middleware in front of moto.

    - a presigned URL past its X-Amz-Expires is refused (403);
    - a browser POST must satisfy its policy: not expired, `content-length-range`, exact
      `bucket`/`key`/field values and `starts-with` (403 AccessDenied, or 400
      EntityTooLarge/EntityTooSmall, as S3 answers);
    - an unsigned listing of a bucket is refused (403) unless its ACL or policy is public;
    - a CORS preflight is answered from the first rule matching its origin, method and headers,
      and refused (403) without one, or when the bucket has no CORS configuration;
    - `unsupported` holds sub-resources (e.g. "publicAccessBlock") answered 501 NotImplemented,
      like a provider without that API; `clock` returns the server's time (aware datetime).
    """

    def __init__(self):
        self.unsupported: set[str] = set()
        self.clock = _now

    def reset(self):
        self.unsupported = set()
        self.clock = _now

    def wrap(self, app):
        def middleware(environ, start_response):
            if environ["REQUEST_METHOD"] == "OPTIONS":
                return _preflight(environ, start_response)
            refusal = self._refusal(environ)
            if refusal is not None:
                status, code, message = refusal
                return _error(start_response, status, code, message)
            return app(environ, start_response)

        return middleware

    def _refusal(self, environ):
        query = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        for name in self.unsupported:
            if name in query:
                return "501 Not Implemented", "NotImplemented", "Not implemented."
        method = environ["REQUEST_METHOD"]
        if "X-Amz-Date" in query and "X-Amz-Expires" in query:
            signed = datetime.datetime.strptime(query["X-Amz-Date"][0], "%Y%m%dT%H%M%SZ")
            expires = signed.replace(tzinfo=datetime.UTC) + datetime.timedelta(
                seconds=int(query["X-Amz-Expires"][0])
            )
            if self.clock() > expires:
                return "403 Forbidden", "AccessDenied", "Request has expired"
        bucket = _bucket_of(environ)
        if method == "POST" and bucket and "multipart/form-data" in environ.get("CONTENT_TYPE", ""):
            return self._policy_refusal(environ, bucket)
        if method == "GET" and bucket and _is_listing(query) and not _is_signed(environ, query):
            if not _bucket_is_public(bucket):
                return "403 Forbidden", "AccessDenied", "Access Denied"
        return None

    def _policy_refusal(self, environ, bucket):
        from werkzeug.formparser import parse_form_data

        body = environ["wsgi.input"].read(int(environ.get("CONTENT_LENGTH") or 0))
        environ["wsgi.input"] = io.BytesIO(body)  # moto reads the body again
        copy = {**environ, "wsgi.input": io.BytesIO(body)}
        _stream, form, uploaded = parse_form_data(copy)
        encoded = form.get("policy") or form.get("Policy")
        if not encoded or "file" not in uploaded:
            return None  # not a browser upload (e.g. a multi-object delete)
        policy = json.loads(base64.b64decode(encoded))
        expiration = datetime.datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
        if self.clock() > expiration:
            return "403 Forbidden", "AccessDenied", "Invalid according to Policy: Policy expired."
        size = len(uploaded["file"].read())
        values = {**{name.lower(): value for name, value in form.items()}, "bucket": bucket}
        for condition in policy.get("conditions", []):
            if isinstance(condition, dict):
                checks = [("eq", f"${name}", value) for name, value in condition.items()]
            else:
                checks = [tuple(condition)]
            for operator, field, *expected in checks:
                if operator == "content-length-range":
                    low, high = int(field), int(expected[0])
                    if size > high:
                        return (
                            "400 Bad Request",
                            "EntityTooLarge",
                            "Your proposed upload exceeds the maximum allowed size",
                        )
                    if size < low:
                        return (
                            "400 Bad Request",
                            "EntityTooSmall",
                            "Your proposed upload is smaller than the minimum allowed size",
                        )
                    continue
                actual = values.get(field.lstrip("$").lower(), "")
                wanted = expected[0]
                if (operator == "eq" and actual != wanted) or (
                    operator == "starts-with" and not actual.startswith(wanted)
                ):
                    return (
                        "403 Forbidden",
                        "AccessDenied",
                        f"Invalid according to Policy: Policy Condition failed: {condition}",
                    )
        return None


def _error(start_response, status, code, message):
    body = (
        f'<?xml version="1.0" encoding="UTF-8"?><Error><Code>{code}</Code>'
        f"<Message>{message}</Message></Error>"
    ).encode()
    start_response(
        status, [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))]
    )
    return [body]


def _preflight(environ, start_response):
    """A CORS preflight as S3 answers it: the first rule that allows the origin, the method and
    every requested header (https://docs.aws.amazon.com/AmazonS3/latest/userguide/cors.html)."""
    import fnmatch

    name = environ.get("PATH_INFO", "").strip("/").split("/")[0]
    origin = environ.get("HTTP_ORIGIN", "")
    method = environ.get("HTTP_ACCESS_CONTROL_REQUEST_METHOD", "")
    requested = [
        header.strip().lower()
        for header in environ.get("HTTP_ACCESS_CONTROL_REQUEST_HEADERS", "").split(",")
        if header.strip()
    ]
    bucket = _moto_bucket(name)
    if bucket is None or not bucket.cors:
        return _error(
            start_response,
            "403 Forbidden",
            "AccessForbidden",
            "CORSResponse: CORS is not enabled for this bucket.",
        )

    def listed(value) -> list[str]:
        return [value] if isinstance(value, str) else list(value or [])

    for rule in bucket.cors:
        origins, methods = listed(rule.allowed_origins), listed(rule.allowed_methods)
        headers = [header.lower() for header in listed(rule.allowed_headers)]
        if (
            any(fnmatch.fnmatchcase(origin, allowed) for allowed in origins)
            and method in methods
            and all(any(fnmatch.fnmatchcase(h, a) for a in headers) for h in requested)
        ):
            answer = [
                ("Access-Control-Allow-Origin", "*" if origins == ["*"] else origin),
                ("Access-Control-Allow-Methods", ", ".join(methods)),
                ("Vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method"),
                ("Content-Length", "0"),
            ]
            if requested:
                answer.append(("Access-Control-Allow-Headers", ", ".join(requested)))
            if rule.max_age_seconds:
                answer.append(("Access-Control-Max-Age", str(rule.max_age_seconds)))
            start_response("200 OK", answer)
            return [b""]
    return _error(
        start_response,
        "403 Forbidden",
        "AccessForbidden",
        "CORSResponse: This CORS request is not allowed.",
    )


def _moto_bucket(name: str):
    from moto.s3.models import s3_backends

    owner = s3_backends.bucket_accounts.get(name)  # (partition, account id)
    return s3_backends[owner[1]][owner[0]].buckets.get(name) if owner else None


def _bucket_of(environ) -> str:
    """The bucket of a path-style request on the bucket itself ("/name" or "/name/"), else ""."""
    parts = environ.get("PATH_INFO", "").strip("/").split("/")
    return parts[0] if len(parts) == 1 else ""


def _is_listing(query) -> bool:
    # A GET on the bucket with no sub-resource (?cors, ?acl, ?policy...) lists its objects.
    listing_parameters = {
        "list-type",
        "prefix",
        "delimiter",
        "marker",
        "max-keys",
        "continuation-token",
        "start-after",
        "encoding-type",
        "fetch-owner",
    }
    return set(query) <= listing_parameters


def _is_signed(environ, query) -> bool:
    return bool(environ.get("HTTP_AUTHORIZATION")) or "X-Amz-Signature" in query


def _bucket_is_public(name: str) -> bool:
    from moto.s3.utils import bucket_policy_is_public

    bucket = _moto_bucket(name)
    if bucket is None:
        return True  # let moto answer NoSuchBucket
    return bool(
        (bucket.acl is not None and bucket.acl.public_read)
        or (bucket.policy and bucket_policy_is_public(bucket.policy))
    )


def _moto_server_class(rules: S3Rules):
    from moto.moto_server.threaded_moto_server import ThreadedMotoServer
    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    class CheckedMotoServer(ThreadedMotoServer):
        def _server_entry(self) -> None:
            app = rules.wrap(DomainDispatcherApplication(create_backend_app))
            self._server = make_server(
                self._ip_address, self._port, app, True, request_handler=MotoRequestHandler
            )
            self._server_ready_event.set()
            self._server.serve_forever()

    return CheckedMotoServer


class S3Server:
    """moto's ThreadedMotoServer on a free local port; can be stopped and started again."""

    def __init__(self):
        self.port = free_port()
        self.endpoint_url = f"http://127.0.0.1:{self.port}"
        self.rules = S3Rules()
        self._server = None

    def start(self):
        self._server = _moto_server_class(self.rules)(
            ip_address="127.0.0.1", port=self.port, verbose=False
        )
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
    s3_server.rules.reset()
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
