"""Candidate profiles (CVs), who looked at them, recruiters' contacts, and job offers."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import DEPARTEMENTS, Profession, Structure


class CodeListField(models.CharField):
    """A short list of codes stored as ",a,b," so that `field__contains=",a,"` finds it on
    every database (SQLite has no JSON containment lookup)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, _expression, _connection):
        return self.to_python(value)

    def to_python(self, value):
        if isinstance(value, list | tuple):
            return list(value)
        if not value:
            return []
        return [item for item in value.split(",") if item]

    def get_prep_value(self, value):
        if isinstance(value, list | tuple):
            items = [str(item).strip() for item in value if str(item).strip()]
            return f",{','.join(items)}," if items else ""
        return value

    def value_to_string(self, obj):
        return self.get_prep_value(self.value_from_object(obj))


class ContractType(models.TextChoices):
    CDI = "cdi", _("CDI")
    CDD = "cdd", _("CDD")
    STAGE = "stage", _("Stage")
    APPRENTISSAGE = "apprentissage", _("Apprentissage")
    SERVICE_CIVIQUE = "service_civique", _("Service civique")
    VACATION = "vacation", _("Vacation")
    FREELANCE = "freelance", _("Freelance")


class CandidateProfile(models.Model):
    """A member's CV, optional, one per member."""

    class Visibility(models.TextChoices):
        RECRUITERS = "recruiters", _("Recruteurs uniquement")
        MEMBERS = "members", _("Tous les membres")
        HIDDEN = "hidden", _("Masqué")

    class Mobility(models.TextChoices):
        LOCAL = "local", _("Mes départements uniquement")
        KM30 = "30km", _("Jusqu'à 30 km")
        KM50 = "50km", _("Jusqu'à 50 km")
        KM100 = "100km", _("Jusqu'à 100 km")
        REGION = "region", _("Toute la région")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="candidate_profile"
    )
    headline = models.CharField(_("titre du profil"), max_length=200)
    summary = models.TextField(_("présentation"), blank=True)
    professions = CodeListField(_("métiers"))
    skills = CodeListField(_("compétences"), max_length=1000)
    departements = CodeListField(_("départements"), max_length=100)
    mobility = models.CharField(
        _("mobilité"), max_length=10, choices=Mobility.choices, default=Mobility.LOCAL
    )
    available_from = models.DateField(_("disponible à partir du"), null=True, blank=True)
    contract_types = CodeListField(_("contrats recherchés"), max_length=200)
    languages = models.CharField(_("langues"), max_length=200, blank=True)
    cv_file = models.CharField(_("fichier du CV"), max_length=300, blank=True)
    cv_filename = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    cv_size = models.PositiveIntegerField(_("taille du fichier"), default=0)
    visibility = models.CharField(
        _("visibilité"), max_length=12, choices=Visibility.choices, default=Visibility.RECRUITERS
    )
    consent_at = models.DateTimeField(_("consentement donné le"))
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    updated_at = models.DateTimeField(_("mis à jour le"), default=timezone.now)
    expires_on = models.DateField(_("expire le"), db_index=True)
    reminders_sent = models.JSONField(default=list, blank=True)

    class Meta:
        verbose_name = _("profil de candidat")
        verbose_name_plural = _("profils de candidats")
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["visibility", "expires_on"], name="cv_visible_idx")]

    def __str__(self):
        return f"{self.user} — {self.headline}"

    def get_absolute_url(self):
        return reverse("cvtheque:profile_detail", args=[self.pk])

    def profession_labels(self):
        labels = dict(Profession.choices)
        return [labels.get(code, code) for code in self.professions]

    def departement_labels(self):
        labels = dict(DEPARTEMENTS)
        return [labels.get(code, code) for code in self.departements]

    def contract_labels(self):
        labels = dict(ContractType.choices)
        return [labels.get(code, code) for code in self.contract_types]

    @property
    def is_expired(self) -> bool:
        return self.expires_on < timezone.localdate()

    @property
    def days_left(self) -> int:
        return (self.expires_on - timezone.localdate()).days


class ProfileView(models.Model):
    """A recruiter opened a profile: the candidate can see who looked."""

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="views")
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    viewed_at = models.DateTimeField(_("consulté le"), default=timezone.now)

    class Meta:
        verbose_name = _("consultation de profil")
        verbose_name_plural = _("consultations de profil")
        ordering = ["-viewed_at", "-id"]

    def __str__(self):
        return f"{self.recruiter} → {self.profile_id}"


class ContactRequest(models.Model):
    """A recruiter's message to a candidate; the candidate's address stays hidden until they reply."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente de réponse")
        REPLIED = "replied", _("Le candidat a répondu")
        DECLINED = "declined", _("Sans suite")

    profile = models.ForeignKey(CandidateProfile, on_delete=models.CASCADE, related_name="contacts")
    recruiter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cv_contacts_sent"
    )
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("envoyé le"), default=timezone.now)
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reply = models.TextField(_("réponse"), blank=True)
    answered_at = models.DateTimeField(_("répondu le"), null=True, blank=True)

    class Meta:
        verbose_name = _("prise de contact")
        verbose_name_plural = _("prises de contact")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.recruiter} → {self.profile}"

    def get_absolute_url(self):
        return reverse("cvtheque:contact_detail", args=[self.pk])

    @property
    def email_revealed(self) -> bool:
        return self.status == self.Status.REPLIED


class JobOffer(models.Model):
    """A job offered by a structure, published by one of its recruiters."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Brouillon")
        PUBLISHED = "published", _("Publiée")
        CLOSED = "closed", _("Clôturée")

    structure = models.ForeignKey(
        Structure, on_delete=models.CASCADE, related_name="job_offers", verbose_name=_("structure")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("intitulé du poste"), max_length=200)
    description = models.TextField(_("description"))
    profession = models.CharField(_("métier"), max_length=20, choices=Profession.choices)
    contract_type = models.CharField(
        _("type de contrat"), max_length=20, choices=ContractType.choices
    )
    place = models.CharField(_("lieu"), max_length=150)
    departement = models.CharField(_("département"), max_length=2, choices=DEPARTEMENTS)
    start_date = models.DateField(_("date de prise de poste"), null=True, blank=True)
    closing_date = models.DateField(_("date limite de candidature"))
    salary_band = models.CharField(_("rémunération"), max_length=150, blank=True)
    how_to_apply = models.TextField(_("comment candidater"))
    status = models.CharField(
        _("statut"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(_("créée le"), default=timezone.now)
    updated_at = models.DateTimeField(_("modifiée le"), default=timezone.now)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    closed_at = models.DateTimeField(_("clôturée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("offre d'emploi")
        verbose_name_plural = _("offres d'emploi")
        ordering = ["-published_at", "-created_at", "-id"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("cvtheque:offer_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.closing_date >= timezone.localdate()


class OfferAlert(models.Model):
    """Records that a candidate was told about an offer, so they are told once."""

    offer = models.ForeignKey(JobOffer, on_delete=models.CASCADE, related_name="alerts")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["offer", "user"], name="cv_offer_alert_once")
        ]

    def __str__(self):
        return f"{self.offer_id} → {self.user_id}"
