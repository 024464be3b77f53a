"""The preferences form: one choice of delivery per kind, shown as a grid (areas x channels)."""

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Delivery, preference_kinds
from notifications.models import DigestSubscription

# The grid's column headings: short names of the channels, in the order of Delivery.
CHANNELS = [
    (Delivery.OFF, _("Rien")),
    (Delivery.IN_APP, _("Sur le site")),
    (Delivery.IMMEDIATE, _("E-mail immédiat")),
    (Delivery.DIGEST, _("Résumé par e-mail")),
]


def field_name(kind_key: str) -> str:
    return f"kind_{kind_key}"


@dataclass
class Row:
    field: forms.BoundField
    default: str


def _ordered():
    return sorted(preference_kinds().items(), key=lambda item: (str(item[1].group), item[0]))


class PreferencesForm(forms.Form):
    digest_frequency = forms.ChoiceField(
        label=_("Recevoir le résumé par e-mail"),
        choices=DigestSubscription.Frequency.choices,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, initial_deliveries: dict[str, str], initial_frequency: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["digest_frequency"].initial = initial_frequency
        for key, kind in _ordered():
            self.fields[field_name(key)] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                widget=forms.RadioSelect,
                initial=initial_deliveries.get(key, kind.default_delivery),
            )

    def groups(self) -> list[tuple[str, list[Row]]]:
        """The rows grouped by area, for one fieldset (and one table) each."""
        grouped: dict[str, list[Row]] = {}
        for key, kind in _ordered():
            row = Row(field=self[field_name(key)], default=kind.default_delivery)
            grouped.setdefault(str(kind.group), []).append(row)
        return list(grouped.items())

    def deliveries(self) -> dict[str, str]:
        return {key: self.cleaned_data[field_name(key)] for key in preference_kinds()}
