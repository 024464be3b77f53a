"""Forms of trainings: the staff's training form, the member's registration note, the filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import DEPARTEMENTS
from community.text import CleanTextMixin
from trainings.models import DATE_FIELDS, Training, within_years

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class TrainingForm(CleanTextMixin, forms.ModelForm):
    class Meta:
        model = Training
        fields = [
            "kind",
            "title",
            "description",
            "organiser",
            "place_structure",
            "address",
            "departement",
            "online_url",
            "starts_at",
            "ends_at",
            "duration_hours",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "waiting_list",
            "audience",
            "documents_url",
            "person_in_charge",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_opens_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in DATE_FIELDS:
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
            self.fields[name].validators.append(within_years)
        self.fields["person_in_charge"].queryset = self.fields["person_in_charge"].queryset.filter(
            is_staff=True
        )

    def clean(self):
        data = super().clean()
        if not (data.get("place_structure") or data.get("address") or data.get("online_url")):
            raise forms.ValidationError(
                _("Indiquez un lieu (structure ou adresse) ou un lien en ligne.")
            )
        return data


class RegistrationForm(CleanTextMixin, forms.Form):
    note = forms.CharField(
        label=_("Remarque (facultatif)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Besoins d'accessibilité, régime alimentaire…"),
    )


class FilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Tous"))] + Training.Kind.choices
    )
    departement = forms.ChoiceField(
        label=_("Département"), required=False, choices=[("", _("Tous"))] + DEPARTEMENTS
    )


class AttendanceForm(forms.Form):
    def __init__(self, *args, registrations, **kwargs):
        super().__init__(*args, **kwargs)
        self.registrations = registrations
        self.fields["present"] = forms.TypedMultipleChoiceField(
            label=_("Présent·es"),
            required=False,
            coerce=int,
            choices=[(r.pk, str(r.member)) for r in registrations],
            widget=forms.CheckboxSelectMultiple,
        )
