"""Factories for the test suite (one section per app)."""

import datetime

import factory
from django.utils import timezone

from community.models import DuesPayment, Membership, Structure, User, end_of_membership_year

PASSWORD = "motdepasse-de-test-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"membre{n}@musees-test.fr")
    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    handle = factory.Sequence(lambda n: f"membre{n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """allauth needs a verified address to let the person log in."""
        if not create:
            return
        obj.save()
        from allauth.account.models import EmailAddress

        EmailAddress.objects.get_or_create(
            user=obj, email=obj.email, defaults={"verified": True, "primary": True}
        )


class StructureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Structure

    name = factory.Sequence(lambda n: f"Musée test {n}")
    city = "Toulouse"
    departement = "31"
    kind = Structure.Kind.MUSEE


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    structure = factory.SubFactory(StructureFactory)
    job_title = "Chargée des collections"
    profession = "conservation"
    status = Membership.Status.ACTIVE
    valid_until = factory.LazyFunction(lambda: end_of_membership_year(timezone.localdate()))
    approved_at = factory.LazyFunction(timezone.now)


class DuesPaymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DuesPayment

    membership = factory.SubFactory(MembershipFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    amount = 30
    paid_on = factory.LazyFunction(timezone.localdate)
    method = DuesPayment.Method.VIREMENT


def make_member(**membership_kwargs) -> User:
    """An approved member with a current membership."""
    return MembershipFactory(**membership_kwargs).user


def make_expired(days_ago: int) -> User:
    today = timezone.localdate()
    return MembershipFactory(
        status=Membership.Status.EXPIRED, valid_until=today - datetime.timedelta(days=days_ago)
    ).user
