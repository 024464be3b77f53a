"""Forms of trainings: the staff's training form, the member's registration note, the filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import DEPARTEMENTS, Structure
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
            "objectives",
            "documents_url",
            "person_in_charge",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_opens_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
            "objectives": forms.Textarea(attrs={"rows": 4}),
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
    organiser = forms.ModelChoiceField(
        label=_("Organisateur"),
        required=False,
        empty_label=_("Tous"),
        queryset=Structure.objects.filter(
            organised_trainings__status=Training.Status.PUBLISHED
        ).distinct(),
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


class ProposalForm(CleanTextMixin, forms.ModelForm):
    """A professional day a museum's designated contact proposes, hosted by their museum: the
    association's staff review it (and may complete it) before publishing it."""

    class Meta:
        model = Training
        fields = [
            "kind",
            "title",
            "description",
            "objectives",
            "audience",
            "address",
            "starts_at",
            "ends_at",
            "capacity",
            "waiting_list",
            "registration_closes_at",
        ]
        widgets = {
            "starts_at": DATETIME_WIDGET,
            "ends_at": DATETIME_WIDGET,
            "registration_closes_at": DATETIME_WIDGET,
            "description": forms.Textarea(attrs={"rows": 6}),
            "objectives": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, structures, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [
            choice for choice in Training.Kind.choices if choice[0] != Training.Kind.FORMATION
        ]
        self.fields["kind"].initial = Training.Kind.JOURNEE
        self.fields["address"].help_text = _("Si la journée n'a pas lieu à l'adresse du musée.")
        for name in ("starts_at", "ends_at", "registration_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"]
            self.fields[name].validators.append(within_years)
        self.fields["host"] = forms.ModelChoiceField(
            label=_("Musée qui accueille"),
            queryset=structures,
            initial=structures.first() if len(structures) == 1 else None,
        )
        self.order_fields(["host", *self.Meta.fields])

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        closes = data.get("registration_closes_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("La fin doit suivre le début."))
        if starts and closes and closes > starts:
            self.add_error("registration_closes_at", _("Les inscriptions ferment avant le début."))
        return data
