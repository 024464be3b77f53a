"""Forms of the community app."""

from decimal import Decimal

from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from community.models import DEPARTEMENTS, DuesPayment, Membership, Profession, Structure
from community.text import CleanTextMixin

User = get_user_model()


class SignupExtraForm(CleanTextMixin, forms.Form):
    """Fields allauth's sign-up form asks on top of email and password."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)

    def signup(self, _request, user):
        from community.membership.services import unique_handle

        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.handle = unique_handle(user.first_name, user.last_name, user.email)
        user.save()


class ApplicationForm(CleanTextMixin, forms.ModelForm):
    structure = forms.ModelChoiceField(
        label=_("Structure"), queryset=Structure.objects.order_by("name")
    )

    class Meta:
        model = Membership
        fields = ["structure", "job_title", "profession", "application_note"]
        widgets = {"application_note": forms.Textarea(attrs={"rows": 4})}


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
        fields = ["first_name", "last_name", "handle", "hide_from_directory"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("first_name", "last_name", "handle"):
            self.fields[name].required = True
        self.fields["first_name"].label = _("Prénom")
        self.fields["last_name"].label = _("Nom")
        self.fields["hide_from_directory"].help_text = _(
            "Votre fiche n'apparaît plus dans l'annuaire des membres."
        )

    def clean_handle(self):
        handle = self.cleaned_data["handle"].strip().lower()
        if User.objects.filter(handle=handle).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Cet identifiant est déjà pris."))
        return handle
