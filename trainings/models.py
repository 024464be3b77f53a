"""Trainings and professional days, the members' registrations and their calendar feed tokens."""

import datetime
import secrets
import zoneinfo
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import DEPARTEMENTS, Structure

PARIS = zoneinfo.ZoneInfo("Europe/Paris")

# A training takes place within these years: a typo such as year 1 or 9999 is refused (dates that
# far away also break the time zone conversions of the database and of the pages).
FIRST_YEAR, LAST_YEAR = 2000, 2100
DATE_FIELDS = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def within_years(value: datetime.datetime) -> None:
    if not FIRST_YEAR <= timezone.localtime(value, PARIS).year <= LAST_YEAR:
        raise ValidationError(
            _("Indiquez une date entre %(first)s et %(last)s."),
            code="year_out_of_range",
            params={"first": FIRST_YEAR, "last": LAST_YEAR},
        )


class Training(models.Model):
    """A training, professional day, webinar or visit organised for the members."""

    class Kind(models.TextChoices):
        FORMATION = "formation", _("Formation")
        JOURNEE = "journee", _("Journée professionnelle")
        WEBINAIRE = "webinaire", _("Webinaire")
        VISITE = "visite", _("Visite")

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposée par un musée")
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publiée")
        CANCELLED = "cancelled", _("Annulée")

    # What members never see: drafts and the museums' proposals staff have not reviewed yet.
    UNPUBLISHED = (Status.PROPOSED, Status.DRAFT)

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.FORMATION)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    organiser = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="organised_trainings",
        verbose_name=_("structure organisatrice"),
    )
    place_structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="hosted_trainings",
        null=True,
        blank=True,
        verbose_name=_("lieu (structure)"),
    )
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    departement = models.CharField(
        _("département"),
        max_length=2,
        choices=DEPARTEMENTS,
        blank=True,
        db_index=True,
        help_text=_("Par défaut, celui de la structure d'accueil."),
    )
    online_url = models.URLField(_("lien en ligne"), blank=True)
    starts_at = models.DateTimeField(_("début"), db_index=True)
    ends_at = models.DateTimeField(_("fin"))
    duration_hours = models.DecimalField(
        _("durée (heures)"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Durée effective pour l'attestation ; calculée à partir des horaires si vide."),
    )
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        help_text=_("Laisser vide : places illimitées."),
    )
    registration_opens_at = models.DateTimeField(_("ouverture des inscriptions"))
    registration_closes_at = models.DateTimeField(_("clôture des inscriptions"))
    waiting_list = models.BooleanField(_("liste d'attente"), default=True)
    audience = models.CharField(_("public visé"), max_length=300, blank=True)
    objectives = models.TextField(
        _("objectifs"),
        blank=True,
        help_text=_("Objectifs pédagogiques, repris sur l'attestation de présence."),
    )
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    documents_url = models.URLField(_("dossier de documents"), blank=True)
    person_in_charge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="trainings_in_charge",
        verbose_name=_("responsable"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The network's calendar: the designated contact of a museum who proposed this professional
    # day, hosted by their museum (the organiser); staff review and publish it.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("proposée par"),
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("formation")
        verbose_name_plural = _("formations")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("trainings:detail", args=[self.pk])

    def clean(self):
        # The admin and every form check the years here, not only the staff's training form.
        errors = {}
        for name in DATE_FIELDS:
            value = getattr(self, name)
            if value is not None:
                try:
                    within_years(value)
                except ValidationError as error:
                    errors[name] = error
        if errors:
            raise ValidationError(errors)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at < timezone.now()

    def registration_is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return (
            self.is_published and self.registration_opens_at <= now <= self.registration_closes_at
        )

    def place_label(self) -> str:
        parts = [str(self.place_structure)] if self.place_structure_id else []
        if self.address:
            parts.append(self.address)
        return ", ".join(parts)

    def duration(self) -> Decimal:
        """Hours of training for the certificate: as declared, else from the real times.

        Whatever the dates, a training held within one stretch (the same day, or overnight)
        counts the time from start to end. One held over several days with a daily schedule
        (09:30-17:00 from Monday to Wednesday: the end's time of day after the start's) counts
        each day's hours. Rounded to the half hour.
        """
        if self.duration_hours is not None:
            return self.duration_hours
        start = timezone.localtime(self.starts_at, PARIS)
        end = timezone.localtime(self.ends_at, PARIS)
        days = (end.date() - start.date()).days + 1
        day = datetime.date.min
        daily = datetime.datetime.combine(day, end.time()) - datetime.datetime.combine(
            day, start.time()
        )
        if days > 1 and daily > datetime.timedelta(0):
            seconds = daily.total_seconds() * days
        else:
            seconds = self.ends_at.timestamp() - self.starts_at.timestamp()
        return (Decimal(round(seconds / 3600 * 2)) / 2).quantize(Decimal("0.1"))

    def spans_days(self) -> bool:
        return (
            timezone.localtime(self.starts_at, PARIS).date()
            != timezone.localtime(self.ends_at, PARIS).date()
        )


class Registration(models.Model):
    """A member's place (or place in the waiting list) for one training."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Inscrit·e")
        WAITLISTED = "waitlisted", _("En liste d'attente")
        CANCELLED = "cancelled", _("Désinscrit·e")

    class Attendance(models.TextChoices):
        UNKNOWN = "", _("Non renseignée")
        PRESENT = "present", _("Présent·e")
        ABSENT = "absent", _("Absent·e")

    training = models.ForeignKey(
        Training,
        on_delete=models.CASCADE,
        related_name="registrations",
        verbose_name=_("formation"),
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="training_registrations",
        verbose_name=_("membre"),
    )
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices, db_index=True)
    note = models.TextField(
        _("remarque"), blank=True, help_text=_("Besoins d'accessibilité, régime alimentaire…")
    )
    created_at = models.DateTimeField(_("inscrit·e le"), default=timezone.now)
    # Order of the waiting list: when the member (re)joined it.
    queued_at = models.DateTimeField(_("en attente depuis"), default=timezone.now)
    cancelled_at = models.DateTimeField(_("désinscrit·e le"), null=True, blank=True)
    attendance = models.CharField(
        _("présence"), max_length=10, choices=Attendance.choices, default="", blank=True
    )
    reminder_sent_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("présence notée par"),
    )
    attendance_marked_at = models.DateTimeField(_("présence notée le"), null=True, blank=True)
    # Printed on the attendance certificate: whoever holds it (an employer, the CNFPT) checks the
    # certificate on a public page. Given the first time the certificate is produced.
    certificate_code = models.CharField(
        _("code de vérification"), max_length=16, unique=True, null=True, blank=True
    )

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["queued_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["training", "member"], name="registration_unique_member"
            )
        ]

    def __str__(self):
        return f"{self.member} — {self.training} ({self.get_status_display()})"

    @property
    def is_active(self) -> bool:
        return self.status != self.Status.CANCELLED


def new_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret token of a member's personal calendar feed (for calendar apps, no session)."""

    member = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="training_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token)
    created_at = models.DateTimeField(default=timezone.now)
    # When a calendar app last read the feed (once a day at most is written): the member's
    # "first steps" count the feed as subscribed once it has been read.
    last_fetched_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("agenda personnel")
        verbose_name_plural = _("agendas personnels")

    def __str__(self):
        return f"{self.member}"

    def mark_fetched(self) -> None:
        now = timezone.now()
        if self.last_fetched_at is None or now - self.last_fetched_at > datetime.timedelta(days=1):
            CalendarFeed.objects.filter(pk=self.pk).update(last_fetched_at=now)
            self.last_fetched_at = now
