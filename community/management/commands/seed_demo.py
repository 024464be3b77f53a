"""Demo data: museums of Occitanie, one account per role, then each app's own demo content.

Each app's content is the `demo` contribution of its AppConfig (community/registry.py).
Idempotent: everything is looked up by its natural key first, so a second run changes nothing.
"""

from decimal import Decimal

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from community import registry, roles
from community.membership.services import apply_for_membership, unique_handle
from community.models import (
    CollectionDomain,
    DuesPayment,
    Membership,
    Skill,
    Structure,
    end_of_membership_year,
)

User = get_user_model()

DEMO_PASSWORD = "cimaise-demo-2026"

STRUCTURES = [
    ("Musée Fabre", "Montpellier", "34", Structure.Kind.MUSEE),
    ("Musée des Augustins", "Toulouse", "31", Structure.Kind.MUSEE),
    ("Musée Soulages", "Rodez", "12", Structure.Kind.MUSEE),
    ("Musée Toulouse-Lautrec", "Albi", "81", Structure.Kind.MUSEE),
    ("Carré d'Art – Musée d'art contemporain", "Nîmes", "30", Structure.Kind.MUSEE),
    ("Musée Ingres Bourdelle", "Montauban", "82", Structure.Kind.MUSEE),
    ("Musée Champollion – Les Écritures du monde", "Figeac", "46", Structure.Kind.MUSEE),
    ("Musée pyrénéen", "Lourdes", "65", Structure.Kind.MUSEE),
    ("Musée d'art Hyacinthe Rigaud", "Perpignan", "66", Structure.Kind.MUSEE),
    ("Musée des Beaux-Arts de Carcassonne", "Carcassonne", "11", Structure.Kind.MUSEE),
    ("Musée du Gévaudan", "Mende", "48", Structure.Kind.MUSEE),
    ("Musée des Amériques", "Auch", "32", Structure.Kind.MUSEE),
    ("Musée départemental de l'Ariège", "Foix", "09", Structure.Kind.MUSEE),
]

# role, email, first name, last name, structure index, job title, profession, group
ACCOUNTS = [
    (
        "staff",
        "staff@cimaise.test",
        "Claire",
        "Delmas",
        1,
        "Chargée de mission réseau",
        "administration",
        None,
    ),
    (
        "moderator",
        "moderateur@cimaise.test",
        "Julien",
        "Vidal",
        0,
        "Documentaliste",
        "documentation",
        roles.MODERATORS_GROUP,
    ),
    (
        "recruiter",
        "recruteur@cimaise.test",
        "Sophie",
        "Roques",
        3,
        "Directrice",
        "direction",
        roles.RECRUITERS_GROUP,
    ),
    (
        "member",
        "membre1@cimaise.test",
        "Marie",
        "Fabre",
        2,
        "Régisseuse des collections",
        "regie",
        None,
    ),
    (
        "member",
        "membre2@cimaise.test",
        "Thomas",
        "Bonnet",
        4,
        "Médiateur culturel",
        "mediation",
        None,
    ),
    (
        "applicant",
        "candidat@cimaise.test",
        "Lucie",
        "Marty",
        10,
        "Chargée des publics",
        "mediation",
        None,
    ),
]


KNOWLEDGE = [
    ("membre1@cimaise.test", ["Beaux-arts"], ["Régie", "Récolement", "Conservation préventive"]),
    ("membre2@cimaise.test", ["Ethnologie"], ["Médiation", "Publics empêchés"]),
    ("moderateur@cimaise.test", ["Histoire naturelle"], ["Conservation préventive"]),
]


class Command(BaseCommand):
    help = (
        "Crée des données de démonstration (musées, un compte par rôle). Sans effet si déjà fait."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            ctx = self.seed_community()
        # One transaction per app: its seed builds on the accounts above, not on other apps.
        for _app, seed in registry.contributions("demo"):
            with transaction.atomic():
                seed(ctx)
        self.print_logins()

    def seed_community(self) -> dict:
        structures = []
        for name, city, departement, kind in STRUCTURES:
            structure, _ = Structure.objects.get_or_create(
                name=name, city=city, defaults={"departement": departement, "kind": kind}
            )
            structures.append(structure)
        groups = {
            name: Group.objects.get_or_create(name=name)[0]
            for name in (roles.RECRUITERS_GROUP, roles.MODERATORS_GROUP)
        }
        today = timezone.localdate()
        ctx = {"members": [], "structures": structures}
        staff = None
        for role, email, first, last, index, job, profession, group in ACCOUNTS:
            user = self.account(email, first, last, is_staff=role == "staff")
            if group:
                user.groups.add(groups[group])
            pending = role == "applicant"
            membership, created = Membership.objects.get_or_create(
                user=user,
                defaults={
                    "structure": structures[index],
                    "job_title": job,
                    "profession": profession,
                    "status": Membership.Status.PENDING if pending else Membership.Status.ACTIVE,
                    "valid_until": None if pending else end_of_membership_year(today),
                    "approved_by": None if pending else staff,
                    "approved_at": None if pending else timezone.now(),
                    "application_note": (
                        "Je rejoins le musée et souhaite participer au réseau." if pending else ""
                    ),
                },
            )
            if not pending:
                DuesPayment.objects.get_or_create(
                    membership=membership,
                    year=today.year,
                    defaults={
                        "amount": Decimal("30.00"),
                        "paid_on": today.replace(month=1, day=15),
                        "method": DuesPayment.Method.VIREMENT,
                        "recorded_by": staff,
                    },
                )
            if role == "staff":
                staff = user
                ctx["staff"] = user
            elif role == "member":
                ctx["members"].append(user)
            elif role in ("moderator", "recruiter"):
                ctx[role] = user
        self.seed_proposed_structure()
        self.seed_vouching(structures[2])
        self.seed_knowledge()
        return ctx

    def seed_knowledge(self):
        """« Qui sait ? »: what the demo members know, from the lists of migration 0007."""
        for email, domains, skills in KNOWLEDGE:
            user = User.objects.get(email=email)
            user.domains.add(*CollectionDomain.objects.filter(name__in=domains))
            user.skills.add(*Skill.objects.filter(name__in=skills))

    def seed_vouching(self, structure):
        """Marie Fabre is her museum's designated contact; a colleague's application waits for
        her confirmation (she sees it on her home page)."""
        contact = User.objects.get(email="membre1@cimaise.test")
        structure.contacts.add(contact)
        user = self.account("paul.soulie@cimaise.test", "Paul", "Soulié")
        if not Membership.objects.filter(user=user).exists():
            apply_for_membership(
                user=user,
                structure=structure,
                job_title="Assistant de conservation",
                profession="conservation",
                application_note="Je viens d'arriver au musée.",
            )

    def seed_proposed_structure(self):
        """An application whose museum was not in the list: staff verify it or attach it."""
        proposal, _ = Structure.objects.get_or_create(
            name="Musée de la Mine",
            city="Decazeville",
            defaults={"departement": "12", "verified": False},
        )
        user = self.account("nouvelle.structure@cimaise.test", "Jeanne", "Vidal")
        Membership.objects.get_or_create(
            user=user,
            defaults={
                "structure": proposal,
                "job_title": "Chargée des collections",
                "profession": "conservation",
                "status": Membership.Status.PENDING,
                "application_note": "Mon musée n'était pas dans la liste.",
            },
        )

    def account(self, email, first_name, last_name, *, is_staff=False):
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email,
                password=DEMO_PASSWORD,
                first_name=first_name,
                last_name=last_name,
                handle=unique_handle(first_name, last_name, email),
                is_staff=is_staff,
            )
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        return user

    def print_logins(self):
        self.stdout.write("Comptes de démonstration (mot de passe identique pour tous) :")
        for role, email, *_rest in ACCOUNTS:
            self.stdout.write(f"  {role:<10} {email:<28} {DEMO_PASSWORD}")
