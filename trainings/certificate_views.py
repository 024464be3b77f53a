"""Pages of the attendance certificates: a member's list and ZIP, and the public check of a code."""

import io
import zipfile

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from trainings import certificate as certificates

# Unknown codes one address may try on the public check within the window: with 58-bit codes,
# guessing stays hopeless, and someone checking a pile of certificates is not slowed.
MAX_MISSES, WINDOW = 20, 600


def _misses_key(request) -> str:
    return f"certificate-misses:{request.META.get('REMOTE_ADDR', '')}"


def _count_miss(request) -> None:
    key = _misses_key(request)
    if not cache.add(key, 1, WINDOW):
        try:
            cache.incr(key)
        except ValueError:  # expired between the two calls: this miss starts a new window
            cache.add(key, 1, WINDOW)


def my_certificates(request):
    registrations = list(certificates.certificates_of(request.user))
    for registration in registrations:
        certificates.ensure_code(registration)
        registration.display_code = certificates.display_code(registration.certificate_code)
    return render(request, "trainings/my_certificates.html", {"registrations": registrations})


def my_certificates_zip(request):
    registrations = list(certificates.certificates_of(request.user))
    if not registrations:
        messages.info(request, _("Vous n'avez pas encore d'attestation."))
        return redirect("trainings:my_certificates")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for registration in registrations:
            archive.writestr(
                certificates.file_name(registration), certificates.certificate_pdf(registration)
            )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="mes-attestations.zip"'
    return response


def _no_robots(response):
    """A check is answered afresh (a corrected attendance stops counting at once), never indexed,
    and the code in the address is not passed on to other sites."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    add_never_cache_headers(response)
    return response


def _check(request, typed: str):
    """The public answer for a code: the certificate, or a calm 404 (429 after many misses)."""
    if (cache.get(_misses_key(request)) or 0) >= MAX_MISSES:
        return _no_robots(
            render(request, "trainings/certificate_verify.html", {"too_many": True}, status=429)
        )
    code = certificates.normalise_code(typed)
    registration = certificates.certified(code)
    if registration is None:
        _count_miss(request)
        context = {"unknown": True, "typed": typed[:40]}
        return _no_robots(render(request, "trainings/certificate_verify.html", context, status=404))
    training = registration.training
    context = {
        # Only what the certificate says about its holder: no email, nobody else.
        "holder": certificates.holder_name(registration),
        "training": training,
        "dates": certificates.dates_text(training),
        "hours": certificates.hours_text(training),
        "code": certificates.display_code(code),
    }
    return _no_robots(render(request, "trainings/certificate_valid.html", context))


def verify(request):
    typed = request.GET.get("code", "")
    if not typed.strip():
        return _no_robots(render(request, "trainings/certificate_verify.html", {}))
    return _check(request, typed)


def verify_code(request, code):
    return _check(request, code)
