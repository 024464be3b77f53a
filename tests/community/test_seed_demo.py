"""`manage.py seed_demo`: demo museums and one account per role, idempotent."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from community import roles
from community.models import DuesPayment, Membership, Structure, User

pytestmark = pytest.mark.django_db


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (User, Structure, Membership, DuesPayment, Group)
    }


def test_it_creates_one_account_per_role_and_museums_across_occitanie():
    output = seed()
    assert Structure.objects.count() >= 12
    assert Structure.objects.values("departement").distinct().count() == 13
    staff = User.objects.get(email="staff@cimaise.test")
    assert roles.is_staff(staff)
    assert roles.is_moderator(User.objects.get(email="moderateur@cimaise.test"))
    assert roles.is_recruiter(User.objects.get(email="recruteur@cimaise.test"))
    applicant = User.objects.get(email="candidat@cimaise.test")
    assert applicant.membership.status == Membership.Status.PENDING
    assert roles.is_member(User.objects.get(email="membre1@cimaise.test"))
    # The printed logins work.
    from community.management.commands.seed_demo import DEMO_PASSWORD

    for email in ("staff@cimaise.test", "membre2@cimaise.test", "candidat@cimaise.test"):
        assert email in output
        assert User.objects.get(email=email).check_password(DEMO_PASSWORD)
    assert DEMO_PASSWORD in output
    assert User.objects.get(email="staff@cimaise.test").emailaddress_set.get().verified
    # An application naming a museum not in the list, for staff to verify.
    proposal = User.objects.get(email="nouvelle.structure@cimaise.test").membership
    assert proposal.status == Membership.Status.PENDING and not proposal.structure.verified
    # « Qui sait ? »: demo members know things, and a museum contact has an application to confirm.
    marie = User.objects.get(email="membre1@cimaise.test")
    assert marie.skills.filter(name="Récolement").exists()
    assert marie.structures_vouching.exists()
    # Her museum proposed a day to the network's calendar, for staff to publish.
    from trainings.models import Training

    assert Training.objects.filter(status="proposed", proposed_by=marie).exists()


def test_running_it_twice_changes_nothing():
    seed()
    before = counts()
    hashes = dict(User.objects.values_list("email", "password"))
    seed()
    assert counts() == before
    assert dict(User.objects.values_list("email", "password")) == hashes


def test_demo_people_can_log_in(client):
    seed()
    from community.management.commands.seed_demo import DEMO_PASSWORD

    response = client.post(
        "/comptes/login/", {"login": "membre1@cimaise.test", "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/").status_code == 200
