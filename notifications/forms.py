"""The preferences form: one choice of delivery per declared kind of notification."""

from django import forms

from notifications.kinds import KINDS, Delivery


def field_name(kind_key: str) -> str:
    return f"kind_{kind_key}"


class PreferencesForm(forms.Form):
    def __init__(self, *args, initial_deliveries: dict[str, str], **kwargs):
        super().__init__(*args, **kwargs)
        for key, kind in sorted(KINDS.items(), key=lambda item: (str(item[1].group), item[0])):
            self.fields[field_name(key)] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=initial_deliveries.get(key, kind.default_delivery),
            )

    def groups(self) -> list[tuple[str, list]]:
        """The fields grouped by capability, for one fieldset each."""
        grouped: dict[str, list] = {}
        for key, kind in sorted(KINDS.items(), key=lambda item: (str(item[1].group), item[0])):
            grouped.setdefault(str(kind.group), []).append(self[field_name(key)])
        return list(grouped.items())

    def deliveries(self) -> dict[str, str]:
        return {key: self.cleaned_data[field_name(key)] for key in KINDS}
