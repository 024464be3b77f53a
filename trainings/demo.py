"""Demo trainings across Occitanie: published, with a few registrations (idempotent)."""

import datetime

from django.utils import timezone

from trainings.models import Registration, Training

DEMO = [
    # (title, kind, days from now, hours, capacity, online, description, audience)
    (
        "Conservation préventive : les bases",
        Training.Kind.FORMATION,
        12,
        7,
        15,
        "",
        "Climat, lumière, infestations : diagnostiquer les risques pour les collections.",
        "Régisseurs, chargés des collections",
    ),
    (
        "Journée professionnelle : médiation et publics éloignés",
        Training.Kind.JOURNEE,
        25,
        7,
        60,
        "",
        "Retours d'expérience des musées de la région et ateliers.",
        "Médiateurs et médiatrices",
    ),
    (
        "Webinaire : le récolement décennal",
        Training.Kind.WEBINAIRE,
        8,
        2,
        None,
        "https://visio.example.org/recolement",
        "Méthode, outils et calendrier du récolement.",
        "Tous les professionnels",
    ),
    (
        "Visite des réserves mutualisées",
        Training.Kind.VISITE,
        40,
        3,
        2,
        "",
        "Visite guidée des réserves et échanges avec l'équipe.",
        "Régisseurs",
    ),
]


# Under way whenever the demo is seeded (it started an hour ago), so staff can take attendance.
IN_PROGRESS = (
    "Atelier : constat d'état des œuvres",
    "Manipuler, observer, rédiger un constat d'état : exercices sur des objets des réserves.",
    "Régisseurs, restaurateurs",
)


def _seed_in_progress(ctx: dict, now) -> Training:
    title, description, audience = IN_PROGRESS
    structures = ctx["structures"]
    place = structures[1 % len(structures)]
    start = (now - datetime.timedelta(hours=1)).replace(second=0, microsecond=0)
    # Re-seeding moves it back to "under way", whatever the day.
    training, _created = Training.objects.update_or_create(
        title=title,
        defaults={
            "kind": Training.Kind.FORMATION,
            "description": description,
            "organiser": structures[0],
            "place_structure": place,
            "departement": place.departement,
            "online_url": "",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=6),
            "capacity": 12,
            "registration_opens_at": start - datetime.timedelta(days=30),
            "registration_closes_at": start - datetime.timedelta(days=1),
            "waiting_list": True,
            "audience": audience,
            "status": Training.Status.PUBLISHED,
            "published_at": start - datetime.timedelta(days=30),
            "person_in_charge": ctx.get("staff"),
            "created_by": ctx.get("staff"),
        },
    )
    return training


def seed(ctx: dict) -> None:
    structures = ctx.get("structures") or []
    staff = ctx.get("staff")
    members = ctx.get("members") or []
    if not structures:
        return
    now = timezone.localtime()
    for index, (title, kind, days, hours, capacity, online, description, audience) in enumerate(
        DEMO
    ):
        place = structures[(index * 3) % len(structures)]
        start = (now + datetime.timedelta(days=days)).replace(
            hour=9 if hours > 3 else 14, minute=0, second=0, microsecond=0
        )
        training, _created = Training.objects.get_or_create(
            title=title,
            defaults={
                "kind": kind,
                "description": description,
                "organiser": structures[0],
                "place_structure": None if online else place,
                "departement": "" if online else place.departement,
                "online_url": online,
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=hours),
                "capacity": capacity,
                "registration_opens_at": now - datetime.timedelta(days=7),
                "registration_closes_at": start - datetime.timedelta(days=1),
                "waiting_list": True,
                "audience": audience,
                "status": Training.Status.PUBLISHED,
                "published_at": now,
                "person_in_charge": staff,
                "created_by": staff,
            },
        )
        _register(training, members[:2])
    _register(_seed_in_progress(ctx, now), members[:3])
    _seed_attended(ctx, now)
    _seed_museum_days(now)


def _seed_museum_days(now) -> None:
    """The network's calendar: each museum with a designated contact (community's demo makes
    Marie Fabre one) has proposed a day, waiting for staff to publish it."""
    from community.models import Structure

    for museum in Structure.objects.filter(contacts__isnull=False).distinct():
        contact = museum.contacts.first()
        start = (now + datetime.timedelta(days=45)).replace(
            hour=9, minute=30, second=0, microsecond=0
        )
        Training.objects.get_or_create(
            title=f"Visite des réserves — {museum.name}",
            defaults={
                "kind": Training.Kind.VISITE,
                "description": "Les réserves, le chantier des collections et ses outils.",
                "organiser": museum,
                "place_structure": museum,
                "departement": museum.departement,
                "starts_at": start,
                "ends_at": start + datetime.timedelta(hours=3),
                "capacity": 12,
                "registration_opens_at": now,
                "registration_closes_at": start - datetime.timedelta(days=2),
                "status": Training.Status.PROPOSED,
                "proposed_by": contact,
                "created_by": contact,
            },
        )


def _register(training: Training, members) -> None:
    for member in members:
        Registration.objects.get_or_create(
            training=training,
            member=member,
            defaults={"status": Registration.Status.CONFIRMED},
        )


# Held last month, attendance taken: the demo members have certificates to download and check.
ATTENDED = (
    "Inventaire et récolement des collections",
    "Conduire un récolement décennal ; rédiger le procès-verbal ; traiter les manquants.",
)


def _seed_attended(ctx: dict, now) -> None:
    title, objectives = ATTENDED
    structures, members = ctx["structures"], ctx.get("members") or []
    start = (now - datetime.timedelta(days=30)).replace(hour=9, minute=0, second=0, microsecond=0)
    training, _created = Training.objects.get_or_create(
        title=title,
        defaults={
            "kind": Training.Kind.FORMATION,
            "description": "Méthode et outils du récolement, exercices en réserve.",
            "objectives": objectives,
            "organiser": structures[0],
            "place_structure": structures[0],
            "departement": structures[0].departement,
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=7),
            "capacity": 20,
            "registration_opens_at": start - datetime.timedelta(days=30),
            "registration_closes_at": start - datetime.timedelta(days=1),
            "status": Training.Status.PUBLISHED,
            "published_at": start - datetime.timedelta(days=30),
            "person_in_charge": ctx.get("staff"),
            "created_by": ctx.get("staff"),
        },
    )
    for member in members[:3]:
        Registration.objects.get_or_create(
            training=training,
            member=member,
            defaults={
                "status": Registration.Status.CONFIRMED,
                "attendance": Registration.Attendance.PRESENT,
                "attendance_marked_at": start + datetime.timedelta(hours=7),
            },
        )
