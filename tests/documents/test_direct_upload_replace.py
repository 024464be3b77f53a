"""A member tries to swap the file of a direct upload once the server has verified it (audit
item 3), on the S3 server over HTTP: the presigned POST is short, for one key and exactly the
declared size, and what is served is the server's own copy of what it checked."""

import base64
import datetime
import hashlib
import json

import pytest
import requests
from django.urls import reverse

from community import files
from documents.models import DocumentVersion
from tests.documents import samples
from tests.documents.conftest import direct_upload, prepare, send_to_bucket


def _policy(plan) -> dict:
    return json.loads(base64.b64decode(plan["fields"]["policy"]))


def _served(client, version) -> requests.Response:
    """What a member downloading the version gets from the bucket."""
    response = client.get(version.get_download_url())
    assert response.status_code == 302
    return requests.get(response["Location"], timeout=10)


def _same_size_page(size: int) -> bytes:
    page = b"<html><body><script>alert(document.cookie)</script></body></html>"
    return (page + b" " * size)[:size]


@pytest.mark.usefixtures("s3_storage")
def test_the_policy_lasts_minutes_and_allows_exactly_the_declared_size(member_client, folder):
    data = samples.pdf_bytes("Convention de prêt")
    before = datetime.datetime.now(datetime.UTC)
    plan = prepare(member_client, folder, "convention.pdf", len(data)).json()
    after = datetime.datetime.now(datetime.UTC)
    policy = _policy(plan)
    expiration = datetime.datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
    assert before < expiration <= after + datetime.timedelta(minutes=10)
    assert ["content-length-range", len(data), len(data)] in policy["conditions"]
    assert {"key": plan["fields"]["key"]} in policy["conditions"]


def test_replacing_the_upload_after_verification_changes_nothing_served(
    member_client, folder, s3_storage
):
    data = samples.pdf_bytes("Rapport d'activité 2025")
    response, plan = direct_upload(member_client, folder, "rapport.pdf", data)
    assert response.status_code == 302
    version = DocumentVersion.objects.get()

    # The same policy, still valid, with a page of the same size: S3 takes it (204)...
    page = _same_size_page(len(data))
    replaced = send_to_bucket(plan, "rapport.pdf", page)
    assert replaced.status_code == 204
    assert s3_storage.get(plan["fields"]["key"]) == page

    # ...but under the key the browser may write, not the one the version points to.
    served = _served(member_client, version)
    assert served.status_code == 200
    assert served.content == data
    assert hashlib.sha256(served.content).hexdigest() == version.sha256
    assert served.headers["Content-Type"] == files.PDF


@pytest.mark.usefixtures("s3_storage")
def test_the_policy_cannot_write_the_key_the_version_points_to(member_client, folder):
    data = samples.pdf_bytes("Inventaire")
    _response, plan = direct_upload(member_client, folder, "inventaire.pdf", data)
    version = DocumentVersion.objects.get()
    fields = {**plan["fields"], "key": version.file_name}
    refused = requests.post(
        plan["url"], data=fields, files={"file": ("x.pdf", _same_size_page(len(data)))}, timeout=10
    )
    assert refused.status_code == 403
    assert _served(member_client, version).content == data


def test_the_policy_is_refused_once_expired(member_client, folder, s3_storage):
    data = samples.pdf_bytes("Compte rendu")
    plan = prepare(member_client, folder, "compte-rendu.pdf", len(data)).json()
    # The member's browser sends the file 11 minutes later: the policy lasts 10.
    later = datetime.datetime.now(datetime.UTC) + datetime.timedelta(minutes=11)
    s3_storage.server.rules.clock = lambda: later
    refused = send_to_bucket(plan, "compte-rendu.pdf", data)
    assert refused.status_code == 403 and b"Policy expired" in refused.content
    assert s3_storage.keys() == []


def test_a_swap_during_verification_is_not_what_gets_stored(
    member_client, folder, s3_storage, monkeypatch
):
    """The browser POSTs a page of the same size while the server checks the file: what is
    stored and served is the copy the server checked, taken before."""
    data = samples.pdf_bytes("Plan de récolement")
    plan = prepare(member_client, folder, "recolement.pdf", len(data)).json()
    assert send_to_bucket(plan, "recolement.pdf", data).status_code == 204
    check = files.check_content

    def check_then_swap(*args, **kwargs):
        mime = check(*args, **kwargs)
        assert send_to_bucket(plan, "recolement.pdf", _same_size_page(len(data))).status_code == 204
        return mime

    monkeypatch.setattr(files, "check_content", check_then_swap)
    response = member_client.post(
        reverse("documents:upload", args=[folder.pk]), {"title": "Plan", "ticket": plan["ticket"]}
    )
    assert response.status_code == 302
    version = DocumentVersion.objects.get()
    assert version.sha256 == hashlib.sha256(data).hexdigest()
    assert _served(member_client, version).content == data
    # Only the version's object stays: the upload and the checked copy are removed.
    assert s3_storage.keys() == [version.file_name]
