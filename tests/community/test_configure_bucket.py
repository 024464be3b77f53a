"""The operator runs `manage.py configure_bucket` (deploy/cimaise.service runs it at every start,
audit item 11), on the S3 server over HTTP: direct uploads from the site's origin work, the
bucket stays private, and a bucket anyone can read or list stops the start with a French and
English message."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from django.core.management import CommandError, call_command

from tests.s3_server import ACCESS_KEY, REGION, SECRET_KEY

SITE = "https://cimaise.example.org"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def site(settings):
    settings.SITE_URL = f"{SITE}/"
    return SITE


def preflight(bucket, origin):
    """What a browser on `origin` asks before POSTing a file to the bucket."""
    return requests.options(
        f"{bucket.server.endpoint_url}/{bucket.name}",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
        timeout=5,
    )


def configure(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("configure_bucket", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def make_public(bucket):
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": ["s3:GetObject"],
                "Resource": [f"arn:aws:s3:::{bucket.name}/*"],
            }
        ],
    }
    bucket.client.put_bucket_policy(Bucket=bucket.name, Policy=json.dumps(policy))


def test_it_lets_the_site_upload_and_blocks_public_access(site, s3_storage):
    assert preflight(s3_storage, site).status_code == 403  # a fresh bucket: uploads would fail

    out, err = configure()

    assert f"Bucket {s3_storage.name} prêt" in out and f"Bucket {s3_storage.name} ready" in out
    assert err == ""
    answer = preflight(s3_storage, site)
    assert answer.status_code == 200
    assert answer.headers["Access-Control-Allow-Origin"] == site
    assert preflight(s3_storage, "https://autre-site.example").status_code == 403
    (rule,) = s3_storage.client.get_bucket_cors(Bucket=s3_storage.name)["CORSRules"]
    assert rule["AllowedOrigins"] == [site]
    assert sorted(rule["AllowedMethods"]) == ["GET", "HEAD", "POST"]
    assert rule["AllowedHeaders"] == ["content-type"]
    block = s3_storage.client.get_public_access_block(Bucket=s3_storage.name)
    assert all(block["PublicAccessBlockConfiguration"].values())
    # The check's probe object is gone.
    assert s3_storage.keys() == []


@pytest.mark.usefixtures("site")
def test_it_is_safe_to_run_twice_and_keeps_other_rules(s3_storage):
    other = {
        "ID": "atelier-photo",
        "AllowedOrigins": ["https://atelier.example.org"],
        "AllowedMethods": ["GET"],
    }
    s3_storage.client.put_bucket_cors(
        Bucket=s3_storage.name, CORSConfiguration={"CORSRules": [other]}
    )
    configure()
    configure()
    rules = s3_storage.client.get_bucket_cors(Bucket=s3_storage.name)["CORSRules"]
    assert sorted(rule["ID"] for rule in rules) == ["atelier-photo", "cimaise-direct-uploads"]


def test_a_provider_without_the_public_access_block_api_gets_a_warning(site, s3_storage):
    s3_storage.server.rules.unsupported.add("publicAccessBlock")
    out, err = configure()
    assert "ne gère pas le blocage de l'accès public" in err
    assert "does not implement blocking public access" in err
    assert "prêt" in out
    assert preflight(s3_storage, site).status_code == 200


@pytest.mark.usefixtures("site")
def test_a_bucket_anyone_can_read_fails_the_check(s3_storage):
    make_public(s3_storage)
    with pytest.raises(CommandError) as error:
        configure()
    assert f"Le bucket {s3_storage.name} est lisible sans signature" in str(error.value)
    assert f"The bucket {s3_storage.name} can be read without a signature" in str(error.value)


@pytest.mark.usefixtures("site")
def test_a_bucket_anyone_can_list_fails_the_check(s3_storage):
    s3_storage.client.put_bucket_acl(Bucket=s3_storage.name, ACL="public-read")
    with pytest.raises(CommandError) as error:
        configure()
    assert "peut être listé sans signature" in str(error.value)
    assert "can be listed without a signature" in str(error.value)


def test_check_only_changes_nothing_and_reports_the_missing_cors_rule(site, s3_storage):
    with pytest.raises(CommandError) as error:
        configure("--check-only")
    assert "refuse les envois directs depuis https://cimaise.example.org" in str(error.value)
    assert "refuses direct uploads from https://cimaise.example.org" in str(error.value)
    assert preflight(s3_storage, site).status_code == 403
    configure()
    out, _err = configure("--check-only")
    assert "prêt" in out


@pytest.mark.usefixtures("site")
def test_without_a_bucket_there_is_nothing_to_do():
    out, _err = configure()
    assert "Pas de bucket S3" in out and "No S3 bucket" in out


def test_the_command_exits_non_zero_on_a_public_bucket(site, s3_storage, tmp_path):
    """As systemd's ExecStartPre runs it: a failed check stops the start."""
    make_public(s3_storage)
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "community.settings",
        "CIMAISE_VAR_DIR": str(tmp_path / "var"),
        "SITE_URL": site,
        "S3_BUCKET": s3_storage.name,
        "S3_ENDPOINT_URL": s3_storage.server.endpoint_url,
        "S3_ACCESS_KEY": ACCESS_KEY,
        "S3_SECRET_KEY": SECRET_KEY,
        "S3_REGION": REGION,
        "S3_ADDRESSING_STYLE": "path",
    }
    environment.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "configure_bucket"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "est lisible sans signature" in result.stderr
    assert "can be read without a signature" in result.stderr
