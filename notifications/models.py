"""Stored notifications, each member's delivery preferences, and the outbox of emails."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from notifications.kinds import Delivery


class Notification(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(_("type"), max_length=50)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    target_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    target_id = models.CharField(max_length=64, blank=True)
    target = GenericForeignKey("target_type", "target_id")
    title = models.CharField(_("titre"), max_length=300)
    url = models.CharField(_("lien"), max_length=500, blank=True)
    # What the sender knew of the event (names, dates…), kept to render it again later.
    params = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(_("créée le"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("lue le"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("envoyée par e-mail le"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="notif_recipient_read")]

    def __str__(self):
        return self.title

    @property
    def display_title(self) -> str:
        """The title in the active language (from the kind and params), see rendering.py."""
        from notifications.rendering import title_of

        return title_of(self.kind, self.params, self.title)

    def as_message(self) -> dict:
        from notifications.rendering import actor_name

        return {
            "id": self.pk,
            "kind": self.kind,
            "title": self.display_title,
            # Who acted, when the row was read with its actor (the bell); the push leaves it out.
            "actor": (actor_name(self.actor) if "actor" in self._state.fields_cache else ""),
            "url": self.url,
            "created_at": self.created_at.isoformat(),
            "read": self.read_at is not None,
        }


class NotificationPreference(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("type"), max_length=50)
    delivery = models.CharField(_("réception"), max_length=10, choices=Delivery.choices)

    class Meta:
        verbose_name = _("préférence de notification")
        verbose_name_plural = _("préférences de notification")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_pref_unique")
        ]

    def __str__(self):
        return f"{self.user} {self.kind}: {self.delivery}"


class DigestSubscription(models.Model):
    """How often a member gets the digest of what they have not read (weekly unless chosen),
    and the last period it was sent for: one digest per period, however often the job runs."""

    class Frequency(models.TextChoices):
        DAILY = "daily", _("Chaque jour")
        WEEKLY = "weekly", _("Chaque semaine")
        NEVER = "never", _("Jamais")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="digest_subscription",
    )
    frequency = models.CharField(
        _("fréquence du résumé"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.WEEKLY,
    )
    last_period = models.CharField(_("dernier résumé envoyé"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("abonnement au résumé")
        verbose_name_plural = _("abonnements au résumé")

    def __str__(self):
        return f"{self.user}: {self.frequency}"


class OutgoingEmail(models.Model):
    """An email waiting to leave, written in the same transaction as what it tells.

    `manage.py send_outbox` sends the rows and retries the failures with a growing delay;
    a row is claimed under a row lock (skip locked on PostgreSQL) so two workers never send
    it twice.
    """

    to = models.CharField(_("destinataire"), max_length=254)
    subject = models.CharField(_("objet"), max_length=400)
    body = models.TextField(_("texte"))
    html = models.TextField(_("HTML"), blank=True)
    reply_to = models.CharField(_("répondre à"), max_length=254, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    # [{"filename": ..., "content": base64, "mimetype": ...}]
    attachments = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(_("créé le"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("prochain essai"), default=timezone.now)
    attempts = models.PositiveIntegerField(_("essais"), default=0)
    last_error = models.TextField(_("dernière erreur"), blank=True)
    sent_at = models.DateTimeField(_("envoyé le"), null=True, blank=True)
    failed_at = models.DateTimeField(_("abandonné le"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail en partance")
        verbose_name_plural = _("e-mails en partance")
        indexes = [
            models.Index(fields=["sent_at", "failed_at", "next_attempt_at"], name="outbox_due")
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"
