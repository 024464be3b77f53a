"""The demo content can be seeded twice without duplicates."""

from cvtheque import demo
from cvtheque.models import CandidateProfile, JobOffer


def test_seed_is_idempotent(member, other_member, recruiter, staff, moderator):
    ctx = {
        "staff": staff,
        "moderator": moderator,
        "recruiter": recruiter,
        "members": [member, other_member],
        "structures": [recruiter.membership.structure],
    }
    demo.seed(ctx)
    demo.seed(ctx)
    assert CandidateProfile.objects.count() == 2
    assert JobOffer.objects.filter(structure=recruiter.membership.structure).count() == 2
    assert JobOffer.objects.filter(status="published").count() == 1
