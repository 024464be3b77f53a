"""Forms of the community app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import Membership, Structure


class SignupExtraForm(forms.Form):
    """Fields allauth's sign-up form asks on top of email and password."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)

    def signup(self, request, user):
        from community.services import unique_handle

        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.handle = unique_handle(user.first_name, user.last_name, user.email)
        user.save()


class ApplicationForm(forms.ModelForm):
    structure = forms.ModelChoiceField(
        label=_("Structure"), queryset=Structure.objects.order_by("name")
    )

    class Meta:
        model = Membership
        fields = ["structure", "job_title", "profession", "application_note"]
        widgets = {"application_note": forms.Textarea(attrs={"rows": 4})}
