"""Notification center, the bell's JSON feed and the preferences page (members only: the gate)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from notifications import rendering, services
from notifications.emails import user_for_unsubscribe
from notifications.forms import CHANNELS, PreferencesForm
from notifications.models import DigestSubscription, Notification

PAGE_SIZE = 20
BELL_ITEMS = 10


def _own(request, pk) -> Notification:
    # Someone else's notification does not exist for this person.
    return get_object_or_404(Notification, pk=pk, recipient=request.user)


def _safe(request, url: str) -> bool:
    return bool(url) and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )


@require_GET
def center(request):
    notifications = (
        Notification.objects.filter(recipient=request.user)
        .annotate(
            unread_first=Case(
                When(read_at__isnull=True, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("unread_first", "-created_at", "-id")
    )
    page = Paginator(notifications.select_related("actor"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "notifications/center.html",
        {
            "page": page,
            "lines": rendering.lines(page),
            "unread": services.unread_count(request.user),
        },
    )


@require_GET
def api(request):
    items = Notification.objects.filter(recipient=request.user).select_related("actor")[:BELL_ITEMS]
    return JsonResponse(
        {
            "unread_count": services.unread_count(request.user),
            "items": [notification.as_message() for notification in items],
        }
    )


@require_POST
def mark_read(request, pk):
    services.mark_read(_own(request, pk))
    next_url = request.POST.get("next", "")
    return redirect(next_url if _safe(request, next_url) else "notifications:center")


@require_POST
def mark_all_read(request):
    marked = services.mark_all_read(user=request.user)
    if marked:
        messages.success(request, _("Toutes vos notifications sont marquées comme lues."))
    return redirect("notifications:center")


@require_GET
def open_notification(request, pk):
    """Follow a notification's link: it counts as read."""
    notification = services.mark_read(_own(request, pk))
    if _safe(request, notification.url):
        return redirect(notification.url)
    return redirect("notifications:center")


def preferences(request):
    initial = services.deliveries_of(request.user)
    form = PreferencesForm(
        request.POST or None,
        initial_deliveries=initial,
        initial_frequency=services.digest_frequency_of(request.user),
    )
    if request.method == "POST":
        if form.is_valid():
            services.set_preferences(user=request.user, deliveries=form.deliveries())
            services.set_digest_frequency(
                user=request.user, frequency=form.cleaned_data["digest_frequency"]
            )
            messages.success(request, _("Vos préférences de notification sont enregistrées."))
            return redirect("notifications:preferences")
        messages.error(request, _("Certains choix ne sont pas valables : corrigez-les ci-dessous."))
        return render(
            request,
            "notifications/preferences.html",
            {"form": form, "channels": CHANNELS},
            status=400,
        )
    return render(request, "notifications/preferences.html", {"form": form, "channels": CHANNELS})


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET asks (a link checker must not unsubscribe anyone), POST stops the digest."""
    person = user_for_unsubscribe(token)
    done = False
    if person is not None and request.method == "POST":
        services.set_digest_frequency(user=person, frequency=DigestSubscription.Frequency.NEVER)
        done = True
    return render(
        request,
        "notifications/unsubscribe.html",
        {"person": person, "done": done},
        status=200 if person is not None else 404,
    )
