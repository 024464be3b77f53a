"""Members, their structures (museums) and their membership of the association."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community import roles

DEPARTEMENTS = [
    ("09", "Ariège (09)"),
    ("11", "Aude (11)"),
    ("12", "Aveyron (12)"),
    ("30", "Gard (30)"),
    ("31", "Haute-Garonne (31)"),
    ("32", "Gers (32)"),
    ("34", "Hérault (34)"),
    ("46", "Lot (46)"),
    ("48", "Lozère (48)"),
    ("65", "Hautes-Pyrénées (65)"),
    ("66", "Pyrénées-Orientales (66)"),
    ("81", "Tarn (81)"),
    ("82", "Tarn-et-Garonne (82)"),
]


class Profession(models.TextChoices):
    CONSERVATION = "conservation", _("Conservation")
    REGIE = "regie", _("Régie")
    MEDIATION = "mediation", _("Médiation")
    DOCUMENTATION = "documentation", _("Documentation / inventaire")
    RESTAURATION = "restauration", _("Restauration")
    COMMUNICATION = "communication", _("Communication")
    ADMINISTRATION = "administration", _("Administration")
    SECURITE = "securite", _("Sécurité / accueil")
    NUMERIQUE = "numerique", _("Numérique")
    DIRECTION = "direction", _("Direction")
    OTHER = "other", _("Autre")


class KnowledgeList(models.Model):
    """An entry of a list staff maintain ("Qui sait ?"): what members say they know."""

    name = models.CharField(_("nom"), max_length=80, unique=True)
    position = models.PositiveIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class CollectionDomain(KnowledgeList):
    class Meta(KnowledgeList.Meta):
        verbose_name = _("domaine de collections")
        verbose_name_plural = _("domaines de collections")


class Skill(KnowledgeList):
    class Meta(KnowledgeList.Meta):
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email, password=None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. The email address is the login."""

    username = None
    email = models.EmailField(_("adresse e-mail"), unique=True)
    handle = models.SlugField(
        _("identifiant"),
        max_length=40,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Utilisé pour vous mentionner dans le forum : @identifiant."),
    )
    hide_from_directory = models.BooleanField(_("masquer dans l'annuaire"), default=False)
    # The language the person reads the site in (empty: the site's), remembered for what
    # reaches them outside it: emails and digests (community.middleware.RememberLanguage).
    language = models.CharField(_("langue"), max_length=10, blank=True)
    # The stored name of the profile photo (a square JPEG without metadata), on the default
    # storage; empty when there is none.
    photo = models.CharField(_("photo"), max_length=200, blank=True)
    # "Qui sait ?": the collections and skills the person knows, from staff's lists.
    domains = models.ManyToManyField(
        CollectionDomain, blank=True, related_name="people", verbose_name=_("domaines")
    )
    skills = models.ManyToManyField(
        Skill, blank=True, related_name="people", verbose_name=_("compétences")
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        ordering = ["last_name", "first_name"]

    def __str__(self):
        return self.get_full_name() or self.email

    def get_absolute_url(self):
        return reverse("community:member_detail", args=[self.pk])


class Structure(models.Model):
    """A museum or an institution members work for."""

    class Kind(models.TextChoices):
        MUSEE = "musee", _("Musée de France")
        MUSEE_AUTRE = "musee_autre", _("Autre musée")
        PATRIMOINE = "patrimoine", _("Site ou service patrimonial")
        COLLECTIVITE = "collectivite", _("Collectivité")
        ETAT = "etat", _("Service de l'État")
        ASSOCIATION = "association", _("Association")
        ENTREPRISE = "entreprise", _("Entreprise")
        AUTRE = "autre", _("Autre")

    name = models.CharField(_("nom"), max_length=200)
    city = models.CharField(_("ville"), max_length=120)
    departement = models.CharField(_("département"), max_length=2, choices=DEPARTEMENTS)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, default=Kind.MUSEE)
    website = models.URLField(_("site web"), blank=True)
    # False while the structure is only an applicant's proposal ("ma structure n'est pas dans
    # la liste"): it is offered to nobody else until staff check it.
    verified = models.BooleanField(_("vérifiée"), default=True)
    # The structure's designated contacts (set by staff): asked to confirm that an applicant
    # naming the structure works there.
    contacts = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="structures_vouching",
        verbose_name=_("contacts désignés"),
    )

    class Meta:
        verbose_name = _("structure")
        verbose_name_plural = _("structures")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "city"], name="structure_unique_name_city")
        ]

    def __str__(self):
        return f"{self.name} ({self.city})"


def end_of_membership_year(day: datetime.date) -> datetime.date:
    """Memberships run by calendar year; one that starts from MEMBERSHIP_NEXT_YEAR_FROM
    (1 October by default) runs to the end of the next year."""
    month, day_of_month = settings.MEMBERSHIP_NEXT_YEAR_FROM
    year = day.year + 1 if (day.month, day.day) >= (month, day_of_month) else day.year
    return datetime.date(year, 12, 31)


class Membership(models.Model):
    """A person's membership of the association, from application to expiry."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspendue")
        EXPIRED = "expired", _("Expirée")
        REJECTED = "rejected", _("Refusée")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership"
    )
    structure = models.ForeignKey(
        Structure,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("structure"),
    )
    job_title = models.CharField(_("fonction"), max_length=150)
    profession = models.CharField(_("métier"), max_length=20, choices=Profession.choices)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    valid_until = models.DateField(_("valide jusqu'au"), null=True, blank=True)
    application_note = models.TextField(_("mot de candidature"), blank=True)
    decision_reason = models.TextField(_("motif de la décision"), blank=True)
    applied_at = models.DateTimeField(_("candidature le"), default=timezone.now)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("validée par"),
    )
    approved_at = models.DateTimeField(_("validée le"), null=True, blank=True)
    # The last decision of the association on this membership (approval, refusal, suspension,
    # renewal): who took it and when, shown on the membership dashboard.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("décision prise par"),
    )
    decided_at = models.DateTimeField(_("décision prise le"), null=True, blank=True)
    reminders_sent = models.JSONField(default=list, blank=True)

    class Vouch(models.TextChoices):
        NONE = "", _("Pas de réponse")
        WORKS_HERE = "works_here", _("Travaille dans la structure")
        UNKNOWN = "unknown", _("Inconnu·e de la structure")

    # A contact of the structure answering "does this applicant work with you?".
    vouch = models.CharField(
        _("confirmation de la structure"),
        max_length=12,
        choices=Vouch.choices,
        default=Vouch.NONE,
        blank=True,
    )
    vouched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmée par"),
    )
    vouched_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("adhésion")
        verbose_name_plural = _("adhésions")
        ordering = ["-applied_at"]

    def __str__(self):
        return f"{self.user} — {self.get_status_display()}"

    def grace_ends(self) -> datetime.date | None:
        """The last day of read access after the membership ended (shown on the home page)."""
        if not self.valid_until:
            return None
        return self.valid_until + datetime.timedelta(days=roles.grace_days())


class DuesPayment(models.Model):
    """One payment of the yearly dues."""

    class Method(models.TextChoices):
        CHEQUE = "cheque", _("Chèque")
        VIREMENT = "virement", _("Virement")
        MANDAT = "mandat", _("Mandat administratif")

    membership = models.ForeignKey(
        Membership, on_delete=models.CASCADE, related_name="payments", verbose_name=_("adhésion")
    )
    year = models.PositiveIntegerField(_("année"))
    amount = models.DecimalField(_("montant (€)"), max_digits=8, decimal_places=2)
    paid_on = models.DateField(_("date"))
    method = models.CharField(_("moyen de paiement"), max_length=10, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("cotisation")
        verbose_name_plural = _("cotisations")
        ordering = ["-year", "-paid_on"]

    def __str__(self):
        return f"{self.membership.user} {self.year} {self.amount} €"
