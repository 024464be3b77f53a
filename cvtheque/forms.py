"""Forms of the CV library: the CV, the search filters, a contact, a job offer."""

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from community.models import DEPARTEMENTS, Profession
from community.text import CleanTextMixin
from cvtheque.models import (
    CadreEmplois,
    CandidateProfile,
    Category,
    ContractType,
    EmploymentStatus,
    Filiere,
    JobOffer,
    Sector,
    check_cadre,
)
from cvtheque.services import OFFER_FIELDS

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


ALL = _("Tous")
PUBLIC = "public"  # the offers filter's choice for the three public services at once


def _with_blank(choices):
    return [("", ALL), *choices]


class ProfileForm(CleanTextMixin, forms.Form):
    headline = forms.CharField(
        label=_("Titre du profil"),
        max_length=200,
        help_text=_("Par exemple : « Régisseuse des collections, 8 ans d'expérience »."),
    )
    summary = forms.CharField(label=_("Présentation"), widget=forms.Textarea, required=False)
    professions = forms.MultipleChoiceField(
        label=_("Métiers"),
        choices=Profession.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    skills = forms.CharField(
        label=_("Compétences"),
        max_length=900,
        required=False,
        help_text=_("Séparées par des virgules : récolement, conditionnement, Flora…"),
    )
    departements = forms.MultipleChoiceField(
        label=_("Départements"),
        choices=DEPARTEMENTS,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mobility = forms.ChoiceField(
        label=_("Mobilité"), choices=CandidateProfile.Mobility.choices, initial="local"
    )
    available_from = forms.DateField(
        label=_("Disponible à partir du"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Laissez vide si vous êtes disponible dès maintenant."),
    )
    contract_types = forms.MultipleChoiceField(
        label=_("Contrats recherchés"),
        choices=ContractType.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    languages = forms.CharField(
        label=_("Langues"),
        max_length=200,
        required=False,
        help_text=_("Par exemple : anglais courant, occitan."),
    )
    category = forms.ChoiceField(
        label=_("Catégorie (fonction publique)"),
        choices=[("", _("Non concerné·e")), *Category.choices],
        required=False,
        help_text=_("Si vous êtes fonctionnaire ou lauréat·e d'un concours."),
    )
    cadre_emplois = forms.ChoiceField(
        label=_("Cadre d'emplois ou corps"),
        choices=[("", _("Non concerné·e")), *CadreEmplois.choices],
        required=False,
    )
    grade = forms.CharField(
        label=_("Grade"),
        max_length=150,
        required=False,
        help_text=_("Par exemple : assistant de conservation principal de 2e classe."),
    )
    alert_sectors = forms.MultipleChoiceField(
        label=_("M'alerter des offres de ces employeurs"),
        choices=Sector.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Aucun coché : tous les employeurs."),
    )
    alert_categories = forms.MultipleChoiceField(
        label=_("M'alerter des offres de la fonction publique de ces catégories"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Aucune cochée : toutes les catégories."),
    )
    cv = forms.FileField(
        label=_("CV (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    remove_cv = forms.BooleanField(label=_("Retirer le fichier actuel"), required=False)
    visibility = forms.ChoiceField(
        label=_("Qui peut voir mon CV"),
        choices=CandidateProfile.Visibility.choices,
        initial=CandidateProfile.Visibility.RECRUITERS,
        widget=forms.RadioSelect,
    )
    consent = forms.BooleanField(
        label=_(
            "J'accepte que l'association conserve ces informations et les montre selon la "
            "visibilité choisie, pendant 24 mois après ma dernière mise à jour."
        ),
        required=True,
        error_messages={
            "required": _("Vous devez accepter le traitement de vos données pour publier un CV.")
        },
    )

    def __init__(self, *args, has_file=False, consent_at=None, **kwargs):
        super().__init__(*args, **kwargs)
        if consent_at is not None:
            self.fields["consent"].help_text = _(
                "Accord donné le %(date)s, renouvelé à chaque enregistrement. Pour le retirer, "
                "supprimez votre CV."
            ) % {"date": formats.date_format(timezone.localtime(consent_at), "j F Y")}
        self.fields["cv"].help_text = _("PDF uniquement, %(max)s au maximum.") % {
            "max": filesizeformat(settings.CV_MAX_SIZE)
        }
        if not has_file:
            del self.fields["remove_cv"]

    def clean(self):
        cleaned = super().clean()
        for field, message in check_cadre(
            cleaned.get("category", ""), cleaned.get("cadre_emplois", "")
        ).items():
            self.add_error(field, message)
        return cleaned

    @classmethod
    def initial_for(cls, profile: CandidateProfile | None) -> dict:
        if profile is None:
            return {}
        return {
            "headline": profile.headline,
            "summary": profile.summary,
            "professions": profile.professions,
            "skills": ", ".join(profile.skills),
            "departements": profile.departements,
            "mobility": profile.mobility,
            "available_from": profile.available_from,
            "contract_types": profile.contract_types,
            "languages": profile.languages,
            "category": profile.category,
            "cadre_emplois": profile.cadre_emplois,
            "grade": profile.grade,
            "alert_sectors": profile.alert_sectors,
            "alert_categories": profile.alert_categories,
            "visibility": profile.visibility,
            # Given before, and kept: the box stays ticked, its date shown (see __init__).
            "consent": True,
        }


class SearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=200)
    profession = forms.ChoiceField(
        label=_("Métier"), choices=_with_blank(Profession.choices), required=False
    )
    skill = forms.CharField(label=_("Compétence"), required=False, max_length=60)
    departement = forms.ChoiceField(
        label=_("Département"), choices=_with_blank(DEPARTEMENTS), required=False
    )
    available_by = forms.DateField(
        label=_("Disponible au plus tard le"), required=False, widget=DATE_INPUT
    )
    contract_type = forms.ChoiceField(
        label=_("Contrat"), choices=_with_blank(ContractType.choices), required=False
    )


class ContactForm(CleanTextMixin, forms.Form):
    message = forms.CharField(
        label=_("Votre message"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=5000,
        help_text=_(
            "Le candidat le recevra par notification et par e-mail. Son adresse vous sera "
            "communiquée seulement s'il choisit de vous répondre."
        ),
    )


class ReplyForm(CleanTextMixin, forms.Form):
    reply = forms.CharField(
        label=_("Votre réponse (facultatif)"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
        required=False,
        help_text=_("En répondant, vous communiquez votre adresse e-mail à ce recruteur."),
    )


class OfferForm(CleanTextMixin, forms.ModelForm):
    # The public service's fields follow the employer they depend on.
    field_order = [
        "title",
        "sector",
        "category",
        "filiere",
        "cadre_emplois",
        "grade",
        "employment_status",
        "contract_basis",
        "contract_type",
        "working_time",
        "profession",
    ]

    class Meta:
        model = JobOffer
        fields = OFFER_FIELDS  # what the services write
        widgets = {"start_date": DATE_INPUT, "closing_date": DATE_INPUT}
        help_texts = {
            "salary_band": _("Facultatif. Par exemple : grille B, 2 100 à 2 400 € bruts."),
            "how_to_apply": _("Adresse, pièces demandées, interlocuteur."),
            "closing_date": _("L'offre est clôturée automatiquement après cette date."),
            "category": _("Fonction publique uniquement, comme les champs qui suivent."),
            "grade": _("Par exemple : attaché principal de conservation du patrimoine."),
            "contract_basis": _("Si le poste est ouvert aux contractuels."),
            "contract_type": _("Facultatif pour un poste réservé aux titulaires."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].required = True

    def clean_closing_date(self):
        closing_date = self.cleaned_data["closing_date"]
        if closing_date < timezone.localdate():
            raise forms.ValidationError(_("La date limite de candidature est déjà passée."))
        return closing_date


class OfferFilterForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Mots-clés"), required=False, max_length=200)
    profession = forms.ChoiceField(
        label=_("Métier"), choices=_with_blank(Profession.choices), required=False
    )
    contract_type = forms.ChoiceField(
        label=_("Contrat"), choices=_with_blank(ContractType.choices), required=False
    )
    departement = forms.ChoiceField(
        label=_("Département"), choices=_with_blank(DEPARTEMENTS), required=False
    )
    sector = forms.ChoiceField(
        label=_("Employeur"),
        choices=[("", ALL), (PUBLIC, _("Fonction publique (les trois)")), *Sector.choices],
        required=False,
    )
    category = forms.ChoiceField(
        label=_("Catégorie"), choices=_with_blank(Category.choices), required=False
    )
    filiere = forms.ChoiceField(
        label=_("Filière"), choices=_with_blank(Filiere.choices), required=False
    )
    cadre_emplois = forms.ChoiceField(
        label=_("Cadre d'emplois"), choices=_with_blank(CadreEmplois.choices), required=False
    )
    employment_status = forms.ChoiceField(
        label=_("Statut"), choices=_with_blank(EmploymentStatus.choices), required=False
    )
