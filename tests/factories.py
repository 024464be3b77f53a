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
    def verified(obj, create, _extracted, **kwargs):
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


# --- trainings ---


def _in_days(days: float, hour: int = 9) -> datetime.datetime:
    day = timezone.localtime() + datetime.timedelta(days=days)
    return day.replace(hour=hour, minute=0, second=0, microsecond=0)


class TrainingFactory(factory.django.DjangoModelFactory):
    """A published training in ten days, registrations open now."""

    class Meta:
        model = "trainings.Training"

    kind = "formation"
    title = factory.Sequence(lambda n: f"Formation test {n}")
    description = "Conservation préventive des collections."
    organiser = factory.SubFactory(StructureFactory)
    place_structure = factory.SelfAttribute("organiser")
    departement = factory.SelfAttribute("organiser.departement")
    starts_at = factory.LazyFunction(lambda: _in_days(10, 9))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + datetime.timedelta(hours=8))
    capacity = 20
    registration_opens_at = factory.LazyFunction(
        lambda: timezone.now() - datetime.timedelta(days=1)
    )
    registration_closes_at = factory.LazyAttribute(
        lambda o: o.starts_at - datetime.timedelta(days=1)
    )
    waiting_list = True
    status = "published"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "trainings.Registration"

    training = factory.SubFactory(TrainingFactory)
    member = factory.LazyFunction(make_member)
    status = "confirmed"


# --- cvtheque ---


class CandidateProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cvtheque.CandidateProfile"

    user = factory.LazyFunction(make_member)
    headline = factory.Sequence(lambda n: f"Régisseuse des collections {n}")
    summary = "Dix ans de régie d'œuvres, prêts et expositions temporaires."
    professions = factory.LazyFunction(lambda: ["regie"])
    skills = factory.LazyFunction(lambda: ["récolement", "conditionnement"])
    departements = factory.LazyFunction(lambda: ["31"])
    contract_types = factory.LazyFunction(lambda: ["cdi", "cdd"])
    visibility = "recruiters"
    consent_at = factory.LazyFunction(timezone.now)
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=700))


class JobOfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "cvtheque.JobOffer"

    structure = factory.SubFactory(StructureFactory)
    title = factory.Sequence(lambda n: f"Chargé·e de médiation {n}")
    description = "Accueil des publics scolaires et conception d'ateliers."
    profession = "mediation"
    contract_type = "cdd"
    place = "Toulouse"
    departement = "31"
    closing_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))
    how_to_apply = "CV et lettre à recrutement@musee.fr"
    status = "published"
    published_at = factory.LazyFunction(timezone.now)


# --- documents ---


class FolderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "documents.Folder"
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Dossier {n}")
    position = factory.Sequence(lambda n: n)


class DocumentFactory(factory.django.DjangoModelFactory):
    """A document without any version (use the services to attach a stored file)."""

    class Meta:
        model = "documents.Document"
        skip_postgeneration_save = True

    folder = factory.SubFactory(FolderFactory)
    title = factory.Sequence(lambda n: f"Document {n}")
    author = factory.SubFactory(UserFactory)
