"""deploy/backup.sh and deploy/restore.sh on a small dataset: PostgreSQL dump and bucket copy,
restored into a fresh database and a fresh bucket."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest

from notifications.services import notify
from tests import factories
from tests.s3_server import ACCESS_KEY, REGION, SECRET_KEY
from tests.services.conftest import ROOT, pg_test_url

OBJECTS = {
    "documents/2026/compte-rendu.pdf": b"%PDF-1.4 compte rendu de l'assemblee",
    "cv/membre-1.pdf": b"%PDF-1.4 curriculum",
    "forum/pieces/image.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
}


def run_script(name, folder, *, database_url, bucket, endpoint):
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "CIMAISE_ENV_FILE": "/nonexistent",
        "CIMAISE_PYTHON": sys.executable,
        "PG_BIN": os.environ.get("TEST_PG_BIN", ""),
        "DATABASE_URL": database_url,
        "S3_BUCKET": bucket,
        "S3_ENDPOINT_URL": endpoint,
        "S3_ACCESS_KEY": ACCESS_KEY,
        "S3_SECRET_KEY": SECRET_KEY,
        "S3_REGION": REGION,
        "S3_ADDRESSING_STYLE": "path",
    }
    result = subprocess.run(
        ["bash", str(ROOT / "deploy" / name), str(folder)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.fixture
def empty_database():
    """A fresh database on the same PostgreSQL server, dropped afterwards."""
    admin_url = os.environ["TEST_DATABASE_URL"]
    name = f"cimaise_restore_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield admin_url.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def bucket_contents(client, bucket):
    keys = [o["Key"] for o in client.list_objects_v2(Bucket=bucket).get("Contents", [])]
    return {key: client.get_object(Bucket=bucket, Key=key)["Body"].read() for key in keys}


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_a_new_database_and_bucket(s3_server, empty_database, tmp_path):
    if not s3_server.running:
        s3_server.start()
    members = [factories.make_member() for _ in range(3)]
    notify(members, "membership_renewal_due", title="Échéance", url="/")
    client = s3_server.client()
    source, target = f"src-{uuid.uuid4().hex[:8]}", f"dst-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=source)
    client.create_bucket(Bucket=target)
    for key, body in OBJECTS.items():
        client.put_object(Bucket=source, Key=key, Body=body)
    # Something in the target bucket the backup does not have: the restore removes it.
    client.put_object(Bucket=target, Key="stale/old.txt", Body=b"old")

    backup = tmp_path / "backup"
    run_script(
        "backup.sh",
        backup,
        database_url=pg_test_url(),
        bucket=source,
        endpoint=s3_server.endpoint_url,
    )
    assert (backup / "db.dump").stat().st_size > 0
    assert "files: 3" in (backup / "MANIFEST").read_text()
    assert (backup / "files" / "documents/2026/compte-rendu.pdf").read_bytes() == OBJECTS[
        "documents/2026/compte-rendu.pdf"
    ]

    run_script(
        "restore.sh",
        backup,
        database_url=empty_database,
        bucket=target,
        endpoint=s3_server.endpoint_url,
    )

    with psycopg.connect(empty_database) as restored:
        emails = {row[0] for row in restored.execute("SELECT email FROM community_user")}
        titles = restored.execute(
            "SELECT count(*) FROM notifications_notification WHERE title = 'Échéance'"
        ).fetchone()[0]
        migrations = restored.execute("SELECT count(*) FROM django_migrations").fetchone()[0]
    assert {m.email for m in members} <= emails
    assert titles == 3
    assert migrations > 0
    assert bucket_contents(client, target) == OBJECTS

    # Restoring twice is safe (objects replaced, not duplicated).
    run_script(
        "restore.sh",
        backup,
        database_url=empty_database,
        bucket=target,
        endpoint=s3_server.endpoint_url,
    )
    with psycopg.connect(empty_database) as restored:
        assert restored.execute("SELECT count(*) FROM community_user").fetchone()[0] == len(emails)


@pytest.mark.django_db(transaction=True)
def test_a_second_backup_into_the_same_folder_only_copies_what_changed(s3_server, tmp_path):
    if not s3_server.running:
        s3_server.start()
    client = s3_server.client()
    bucket = f"inc-{uuid.uuid4().hex[:8]}"
    client.create_bucket(Bucket=bucket)
    for key, body in OBJECTS.items():
        client.put_object(Bucket=bucket, Key=key, Body=body)
    backup = tmp_path / "backup"
    first = run_script(
        "backup.sh",
        backup,
        database_url=pg_test_url(),
        bucket=bucket,
        endpoint=s3_server.endpoint_url,
    )
    assert "3 downloaded" in first.stdout
    client.put_object(Bucket=bucket, Key="cv/membre-2.pdf", Body=b"%PDF new")
    client.delete_object(Bucket=bucket, Key="cv/membre-1.pdf")
    second = run_script(
        "backup.sh",
        backup,
        database_url=pg_test_url(),
        bucket=bucket,
        endpoint=s3_server.endpoint_url,
    )
    assert "1 downloaded" in second.stdout
    files = {
        p.relative_to(backup / "files").as_posix()
        for p in (backup / "files").rglob("*")
        if p.is_file() and not p.name.startswith(".")
    }
    assert files == (set(OBJECTS) - {"cv/membre-1.pdf"}) | {"cv/membre-2.pdf"}


def test_backup_refuses_a_database_that_is_not_postgresql(tmp_path):
    result = subprocess.run(
        ["bash", str(ROOT / "deploy" / "backup.sh"), str(tmp_path / "b")],
        env={
            "PATH": "/usr/bin:/bin",
            "CIMAISE_ENV_FILE": "/nonexistent",
            "DATABASE_URL": "sqlite:///x.sqlite3",
        },
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode != 0
    assert "not PostgreSQL" in result.stderr
    assert not Path(tmp_path / "b" / "db.dump").exists()
