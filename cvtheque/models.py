"""Candidate profiles (CVs), who looked at them, recruiters' contacts, and job offers."""

from django.conf import settings
from django.core.exceptions import ValidationError
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


class Sector(models.TextChoices):
    """Who employs: the three public services (fonction publique), an association, a company."""

    FPT = "fpt", _("Fonction publique territoriale")
    FPE = "fpe", _("Fonction publique d'État")
    FPH = "fph", _("Fonction publique hospitalière")
    ASSOCIATIF = "associatif", _("Associatif")
    PRIVE = "prive", _("Privé")


PUBLIC_SECTORS = frozenset({Sector.FPT, Sector.FPE, Sector.FPH})


class Category(models.TextChoices):
    A = "A", _("Catégorie A")
    B = "B", _("Catégorie B")
    C = "C", _("Catégorie C")


class Filiere(models.TextChoices):
    CULTURELLE = "culturelle", _("Culturelle")
    ADMINISTRATIVE = "administrative", _("Administrative")
    TECHNIQUE = "technique", _("Technique")
    ANIMATION = "animation", _("Animation")


class CadreEmplois(models.TextChoices):
    """Cadres d'emplois (territorial) and corps (State) that museums recruit from."""

    CONSERVATEUR = "conservateur_patrimoine", _("Conservateur du patrimoine")
    CONSERVATEUR_BIBLIOTHEQUES = "conservateur_bibliotheques", _("Conservateur des bibliothèques")
    ATTACHE_CONSERVATION = "attache_conservation", _("Attaché de conservation du patrimoine")
    BIBLIOTHECAIRE = "bibliothecaire", _("Bibliothécaire")
    CHARGE_ETUDES = "charge_etudes_documentaires", _("Chargé d'études documentaires")
    ASSISTANT_CONSERVATION = (
        "assistant_conservation",
        _("Assistant de conservation du patrimoine et des bibliothèques"),
    )
    ADJOINT_PATRIMOINE = "adjoint_patrimoine", _("Adjoint du patrimoine")
    ATTACHE = "attache", _("Attaché")
    REDACTEUR = "redacteur", _("Rédacteur")
    ADJOINT_ADMINISTRATIF = "adjoint_administratif", _("Adjoint administratif")
    INGENIEUR = "ingenieur", _("Ingénieur")
    TECHNICIEN = "technicien", _("Technicien")
    AGENT_MAITRISE = "agent_maitrise", _("Agent de maîtrise")
    ADJOINT_TECHNIQUE = "adjoint_technique", _("Adjoint technique")
    ANIMATEUR = "animateur", _("Animateur")
    ADJOINT_ANIMATION = "adjoint_animation", _("Adjoint d'animation")
    AUTRE = "autre", _("Autre")


# The catégorie and filière of each cadre d'emplois: an offer or a CV that says otherwise is refused.
CADRE_CATEGORY_FILIERE = {
    CadreEmplois.CONSERVATEUR: ("A", "culturelle"),
    CadreEmplois.CONSERVATEUR_BIBLIOTHEQUES: ("A", "culturelle"),
    CadreEmplois.ATTACHE_CONSERVATION: ("A", "culturelle"),
    CadreEmplois.BIBLIOTHECAIRE: ("A", "culturelle"),
    CadreEmplois.CHARGE_ETUDES: ("A", "culturelle"),
    CadreEmplois.ASSISTANT_CONSERVATION: ("B", "culturelle"),
    CadreEmplois.ADJOINT_PATRIMOINE: ("C", "culturelle"),
    CadreEmplois.ATTACHE: ("A", "administrative"),
    CadreEmplois.REDACTEUR: ("B", "administrative"),
    CadreEmplois.ADJOINT_ADMINISTRATIF: ("C", "administrative"),
    CadreEmplois.INGENIEUR: ("A", "technique"),
    CadreEmplois.TECHNICIEN: ("B", "technique"),
    CadreEmplois.AGENT_MAITRISE: ("C", "technique"),
    CadreEmplois.ADJOINT_TECHNIQUE: ("C", "technique"),
    CadreEmplois.ANIMATEUR: ("B", "animation"),
    CadreEmplois.ADJOINT_ANIMATION: ("C", "animation"),
}


def check_cadre(category: str, cadre: str, filiere: str = "") -> dict:
    """Errors (field -> message) when the catégorie or filière contradicts the cadre d'emplois."""
    expected = CADRE_CATEGORY_FILIERE.get(cadre)
    if not expected:
        return {}
    errors = {}
    label = CadreEmplois(cadre).label
    if category and category != expected[0]:
        errors["category"] = _(
            "Le cadre d'emplois « %(cadre)s » relève de la catégorie %(category)s."
        ) % {"cadre": label, "category": expected[0]}
    if filiere and filiere != expected[1]:
        errors["filiere"] = _(
            "Le cadre d'emplois « %(cadre)s » relève de la filière %(filiere)s."
        ) % {"cadre": label, "filiere": Filiere(expected[1]).label.lower()}
    return errors


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
    # For public servants (and laureates of a concours): where they stand in the public service.
    category = models.CharField(_("catégorie"), max_length=1, choices=Category.choices, blank=True)
    cadre_emplois = models.CharField(
        _("cadre d'emplois"), max_length=40, choices=CadreEmplois.choices, blank=True
    )
    grade = models.CharField(_("grade"), max_length=150, blank=True)
    # What the offer alerts are narrowed to (empty: every employer, every catégorie).
    alert_sectors = CodeListField(_("alertes : employeurs"), max_length=100)
    alert_categories = CodeListField(_("alertes : catégories"), max_length=20)
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


class EmploymentStatus(models.TextChoices):
    TITULAIRE = "titulaire", _("Titulaire (mutation, détachement, liste d'aptitude)")
    CONTRACTUEL = "contractuel", _("Contractuel")
    LES_DEUX = "titulaire_ou_contractuel", _("Titulaire ou, à défaut, contractuel")


class ContractBasis(models.TextChoices):
    """Articles of the Code général de la fonction publique that allow hiring on contract."""

    L332_8_1 = (
        "L332-8-1",
        _("Article L332-8 1° du CGFP : pas de cadre d'emplois pour ces fonctions"),
    )
    L332_8_2 = (
        "L332-8-2",
        _("Article L332-8 2° du CGFP : besoins du service ou nature des fonctions"),
    )
    L332_13 = "L332-13", _("Article L332-13 du CGFP : remplacement d'un agent indisponible")
    L332_14 = "L332-14", _("Article L332-14 du CGFP : vacance temporaire d'emploi")
    L332_23_1 = "L332-23-1", _("Article L332-23 1° du CGFP : accroissement temporaire d'activité")
    L332_23_2 = "L332-23-2", _("Article L332-23 2° du CGFP : accroissement saisonnier d'activité")
    L332_24 = "L332-24", _("Article L332-24 du CGFP : contrat de projet")
    AUTRE = "autre", _("Autre fondement (précisé dans la description)")


class WorkingTime(models.TextChoices):
    FULL = "complet", _("Temps complet")
    PART = "non_complet", _("Temps non complet")
    PARTIAL = "partiel", _("Temps partiel")


PUBLIC_SERVICE_FIELDS = (
    "category",
    "filiere",
    "cadre_emplois",
    "grade",
    "employment_status",
    "contract_basis",
)


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
    # Blank only for a post reserved to titulaires (clean() says so).
    contract_type = models.CharField(
        _("type de contrat"), max_length=20, choices=ContractType.choices, blank=True
    )
    place = models.CharField(_("lieu"), max_length=150)
    departement = models.CharField(_("département"), max_length=2, choices=DEPARTEMENTS)
    start_date = models.DateField(_("date de prise de poste"), null=True, blank=True)
    closing_date = models.DateField(_("date limite de candidature"))
    salary_band = models.CharField(_("rémunération"), max_length=150, blank=True)
    how_to_apply = models.TextField(_("comment candidater"))
    sector = models.CharField(
        _("employeur"), max_length=12, choices=Sector.choices, blank=True, db_index=True
    )
    # The public service's own fields: only for an employer of the fonction publique.
    category = models.CharField(
        _("catégorie"), max_length=1, choices=Category.choices, blank=True, db_index=True
    )
    filiere = models.CharField(_("filière"), max_length=20, choices=Filiere.choices, blank=True)
    cadre_emplois = models.CharField(
        _("cadre d'emplois"), max_length=40, choices=CadreEmplois.choices, blank=True
    )
    grade = models.CharField(_("grade"), max_length=150, blank=True)
    employment_status = models.CharField(
        _("statut du poste"), max_length=30, choices=EmploymentStatus.choices, blank=True
    )
    contract_basis = models.CharField(
        _("fondement du recrutement contractuel"),
        max_length=20,
        choices=ContractBasis.choices,
        blank=True,
    )
    working_time = models.CharField(
        _("temps de travail"), max_length=12, choices=WorkingTime.choices, blank=True
    )
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

    @property
    def is_public_service(self) -> bool:
        return self.sector in PUBLIC_SECTORS

    def clean(self):
        errors = {}
        filled = [name for name in PUBLIC_SERVICE_FIELDS if getattr(self, name)]
        if not self.is_public_service:
            if filled:
                # One message, on the employer, naming the fields to empty.
                names = ", ".join(str(self._meta.get_field(name).verbose_name) for name in filled)
                errors["sector"] = _(
                    "Réservé aux offres de la fonction publique (ici : %(fields)s) : choisissez "
                    "un employeur public ou videz ces champs."
                ) % {"fields": names}
        else:
            errors = check_cadre(self.category, self.cadre_emplois, self.filiere)
            if self.contract_basis and self.employment_status == EmploymentStatus.TITULAIRE:
                errors["contract_basis"] = _(
                    "Un poste réservé aux titulaires n'a pas de fondement contractuel : "
                    "ouvrez-le aux contractuels ou laissez ce champ vide."
                )
        if not self.contract_type and self.employment_status != EmploymentStatus.TITULAIRE:
            errors["contract_type"] = _(
                "Choisissez le type de contrat (il n'est facultatif que pour un poste réservé "
                "aux titulaires)."
            )
        if errors:
            raise ValidationError(errors)


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
