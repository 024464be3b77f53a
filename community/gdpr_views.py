"""Pages of "Mes données": download one's data, delete one's account."""

from django import forms
from django.contrib.auth import logout
from django.core.handlers.asgi import ASGIRequest
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from community import files, gdpr
from community.errors import AccountDeletionRefused


class DeleteAccountForm(forms.Form):
    confirm_email = forms.CharField(
        label=gettext_lazy("Pour confirmer, saisissez l'adresse e-mail de votre compte"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


def _render(request, form, status=200, error=""):
    return render(request, "community/gdpr.html", {"form": form, "error": error}, status=status)


def my_data(request):
    return _render(request, DeleteAccountForm())


@require_GET
def export_zip(request):
    try:
        archive = gdpr.build_export_zip(request.user)
    except files.StorageUnavailable:
        return _render(
            request,
            DeleteAccountForm(),
            status=503,
            error=_(
                "Vos fichiers sont momentanément inaccessibles : réessayez dans quelques minutes."
            ),
        )
    filename = f"cimaise-mes-donnees-{timezone.localdate().isoformat()}.zip"
    response = FileResponse(
        archive, as_attachment=True, filename=filename, content_type="application/zip"
    )
    if isinstance(request, ASGIRequest):
        # Under ASGI a synchronous iterator would be read whole into memory before sending.
        response.streaming_content = files.read_async(archive)
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
def delete_account(request):
    form = DeleteAccountForm(request.POST)
    if not form.is_valid():
        return _render(request, form, status=400)
    try:
        gdpr.delete_account(request.user, confirm_email=form.cleaned_data["confirm_email"])
    except AccountDeletionRefused as error:
        return _render(request, form, status=400, error=str(error))
    logout(request)
    return redirect("community:account_deleted")


def account_deleted(request):
    return render(request, "community/account_deleted.html")
