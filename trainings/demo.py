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
        for member in members[:2]:
            Registration.objects.get_or_create(
                training=training,
                member=member,
                defaults={"status": Registration.Status.CONFIRMED},
            )
