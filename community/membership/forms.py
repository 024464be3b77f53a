"""Forms of the community app."""

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from community.models import (
    DEPARTEMENTS,
    CollectionDomain,
    DuesPayment,
    Membership,
    Profession,
    Skill,
    Structure,
    end_of_membership_year,
)
from community.text import CleanTextMixin

User = get_user_model()


def structure_label(structure: Structure) -> str:
    """How a structure is offered in the picker: typing its name, town or département finds it."""
    return f"{structure.name} — {structure.city}, {structure.get_departement_display()}"


class StructurePickerMixin(CleanTextMixin, forms.Form):
    """The structure a person works for, typed and picked among the verified structures (a
    text field with a list of suggestions, which works without JavaScript), or proposed by the
    person when it is not listed; staff then check the proposal."""

    structure = forms.CharField(
        label=_("Votre structure (musée, service, institution)"),
        max_length=300,
        required=False,
        help_text=_("Tapez le nom du musée, sa ville ou son département, puis choisissez."),
        widget=forms.TextInput(attrs={"list": "structure-options", "autocomplete": "off"}),
    )
    structure_missing = forms.BooleanField(
        label=_("Ma structure n'est pas dans la liste"), required=False
    )
    proposed_name = forms.CharField(label=_("Nom de la structure"), max_length=200, required=False)
    proposed_city = forms.CharField(label=_("Ville"), max_length=120, required=False)
    proposed_departement = forms.ChoiceField(
        label=_("Département"), required=False, choices=[("", "—")] + DEPARTEMENTS
    )

    def structure_options(self) -> list[str]:
        structures = Structure.objects.filter(verified=True).order_by("name", "city")
        return [structure_label(structure) for structure in structures]

    def _listed_structure(self, typed: str):
        for structure in Structure.objects.filter(verified=True):
            if typed.casefold() in (
                structure_label(structure).casefold(),
                structure.name.casefold(),
                str(structure).casefold(),
            ):
                return structure
        return None

    def _proposed_structure(self, data: dict):
        missing = [
            field
            for field in ("proposed_name", "proposed_city", "proposed_departement")
            if not data.get(field)
        ]
        for field in missing:
            self.add_error(field, _("Indiquez-le pour que l'équipe retrouve votre structure."))
        if missing:
            return None
        # Not created here: services.propose_structure does it with the application.
        return {
            "name": data["proposed_name"].strip(),
            "city": data["proposed_city"].strip(),
            "departement": data["proposed_departement"],
        }

    def clean(self):
        data = super().clean()
        typed = (data.get("structure") or "").strip()
        if data.get("structure_missing"):
            data["structure"] = None
            data["proposed_structure"] = self._proposed_structure(data)
            return data
        structure = self._listed_structure(typed) if typed else None
        if structure is None:
            self.add_error(
                "structure",
                _(
                    "Choisissez votre structure dans la liste proposée, ou cochez « Ma "
                    "structure n'est pas dans la liste »."
                ),
            )
        data["structure"] = structure
        data["proposed_structure"] = None
        return data


class MembershipFieldsMixin(StructurePickerMixin):
    job_title = forms.CharField(label=_("Fonction"), max_length=150)
    profession = forms.ChoiceField(label=_("Métier"), choices=Profession.choices)
    application_note = forms.CharField(
        label=_("Mot pour l'association (facultatif)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    application_field_names = (
        "structure",
        "structure_missing",
        "proposed_name",
        "proposed_city",
        "proposed_departement",
        "job_title",
        "profession",
        "application_note",
    )

    def year_notice(self) -> str:
        """When an application accepted today would end (the 1 October rule), for the form."""
        today = timezone.localdate()
        return _(
            "Une adhésion acceptée aujourd'hui est valable jusqu'au %(date)s (à partir du "
            "%(from)s, elle vaut pour l'année suivante)."
        ) % {
            "date": formats.date_format(end_of_membership_year(today), "j F Y"),
            "from": formats.date_format(
                datetime.date(today.year, *settings.MEMBERSHIP_NEXT_YEAR_FROM), "j F"
            ),
        }

    def application(self) -> dict:
        """What services.apply_for_membership needs, from the cleaned form."""
        data = self.cleaned_data
        return {
            "structure": data["structure"],
            "proposed_structure": data["proposed_structure"],
            "job_title": data["job_title"],
            "profession": data["profession"],
            "application_note": data.get("application_note", ""),
        }


class SignupExtraForm(MembershipFieldsMixin):
    """What allauth's sign-up form asks on top of email and password: the person, and their
    application (structure, job, profession), sent with the account."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)

    field_order = ["first_name", "last_name", "email", "password1", "password2", "structure"]

    def signup(self, _request, user):
        from community.membership import services

        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.handle = services.unique_handle(user.first_name, user.last_name, user.email)
        user.save()
        services.apply_for_membership(user=user, **self.application())


class WorkForm(StructurePickerMixin):
    """A member's museum, job title and profession, as they change over a career."""

    job_title = forms.CharField(label=_("Fonction"), max_length=150)
    profession = forms.ChoiceField(label=_("Métier"), choices=Profession.choices)

    prefix = "work"

    @classmethod
    def for_membership(cls, membership, data=None):
        initial = {
            "structure": structure_label(membership.structure),
            "job_title": membership.job_title,
            "profession": membership.profession,
        }
        return cls(data, initial=initial)

    def change(self) -> dict:
        data = self.cleaned_data
        return {
            "structure": data["structure"],
            "proposed_structure": data["proposed_structure"],
            "job_title": data["job_title"],
            "profession": data["profession"],
        }


class PhotoForm(forms.Form):
    prefix = "photo"

    photo = forms.FileField(
        label=_("Nouvelle photo"),
        help_text=_("JPEG, PNG ou WebP, 8 Mo au plus : elle est recadrée en carré."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class ApplicationForm(MembershipFieldsMixin):
    """Applying again after a refusal (or for an account made before applications came with
    sign-up)."""


class MembershipFilterForm(CleanTextMixin, forms.Form):
    """Filters of the staff membership dashboard (a GET form)."""

    q = forms.CharField(
        label=_("Nom ou e-mail"), required=False, max_length=100, widget=forms.SearchInput
    )
    status = forms.ChoiceField(
        label=_("Statut"),
        required=False,
        choices=[("", _("Tous les statuts"))] + list(Membership.Status.choices),
    )
    departement = forms.ChoiceField(
        label=_("Département"), required=False, choices=[("", _("Tous"))] + DEPARTEMENTS
    )
    profession = forms.ChoiceField(
        label=_("Métier"), required=False, choices=[("", _("Tous"))] + list(Profession.choices)
    )


class DirectoryFilterForm(CleanTextMixin, forms.Form):
    """Search of the member directory (a GET form)."""

    q = forms.CharField(label=_("Nom"), required=False, max_length=100, widget=forms.SearchInput)
    structure = forms.CharField(label=_("Structure"), required=False, max_length=100)
    profession = forms.ChoiceField(
        label=_("Métier"), required=False, choices=[("", _("Tous"))] + list(Profession.choices)
    )
    departement = forms.ChoiceField(
        label=_("Département"), required=False, choices=[("", _("Tous"))] + DEPARTEMENTS
    )
    domaine = forms.ModelChoiceField(
        label=_("Domaine de collections"),
        required=False,
        queryset=CollectionDomain.objects.all(),
        empty_label=_("Tous"),
    )
    competence = forms.ModelChoiceField(
        label=_("Compétence"), required=False, queryset=Skill.objects.all(), empty_label=_("Toutes")
    )


class ResolveStructureForm(forms.Form):
    """Staff settle a proposed structure: verify it, or attach the application to a listed one."""

    structure = forms.ModelChoiceField(
        label=_("Structure de la liste"),
        queryset=Structure.objects.filter(verified=True).order_by("name", "city"),
        required=False,
    )
    action = forms.ChoiceField(choices=[("verify", "verify"), ("attach", "attach")])

    def clean(self):
        data = super().clean()
        if data.get("action") == "attach" and not data.get("structure"):
            self.add_error("structure", _("Choisissez la structure à laquelle rattacher."))
        return data


class RejectForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif du refus"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Il est communiqué à la personne par e-mail."),
        error_messages={"required": _("Indiquez le motif du refus.")},
    )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Indiquez le motif du refus."))
        return reason


class SuspendForm(CleanTextMixin, forms.Form):
    reason = forms.CharField(
        label=_("Motif de la suspension"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facultatif ; il est communiqué à la personne par e-mail."),
    )


class DuesForm(CleanTextMixin, forms.ModelForm):
    supplement = forms.BooleanField(
        label=_("Second versement pour une année déjà réglée"),
        required=False,
        help_text=_("À cocher seulement pour un complément ou un paiement en plusieurs fois."),
    )

    class Meta:
        model = DuesPayment
        fields = ["year", "amount", "paid_on", "method"]
        widgets = {"paid_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].min_value = Decimal("0.01")
        self.fields["amount"].validators.append(MinValueValidator(Decimal("0.01")))
        self.fields["amount"].widget.attrs["min"] = "0.01"
        self.fields["year"].validators.append(MinValueValidator(2000))

    def clean_paid_on(self):
        paid_on = self.cleaned_data["paid_on"]
        if paid_on > timezone.localdate():
            raise forms.ValidationError(_("La date de paiement ne peut pas être dans le futur."))
        return paid_on


class ProfileForm(CleanTextMixin, forms.ModelForm):
    """What a person edits about themselves."""

    class Meta:
        model = User
        fields = ["first_name", "last_name", "handle", "hide_from_directory", "domains", "skills"]
        widgets = {
            "domains": forms.CheckboxSelectMultiple,
            "skills": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "handle"):
            self.fields[name].required = True
        self.fields["domains"].label = _("Les domaines de collections que je connais")
        self.fields["skills"].label = _("Mes compétences")
        self.fields["first_name"].label = _("Prénom")
        self.fields["last_name"].label = _("Nom")
        self.fields["hide_from_directory"].help_text = _(
            "Cochez cette case pour que votre fiche n'apparaisse pas dans l'annuaire des membres "
            "(vous pourrez la décocher à tout moment)."
        )

    def clean_handle(self):
        handle = self.cleaned_data["handle"].strip().lower()
        if User.objects.filter(handle=handle).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Cet identifiant est déjà pris."))
        return handle


class KnowledgeEntryForm(CleanTextMixin, forms.Form):
    """A new entry of one of the "Qui sait ?" lists (staff)."""

    name = forms.CharField(label=_("Nouvelle entrée"), max_length=80)
