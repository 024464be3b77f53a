"""The application's errors: one base with the message for the person and the HTTP status.

Every app's errors inherit CimaiseError. A view that lets one escape gets the one answer of
community.middleware (the page with the message, or `{"error": message}` for a JSON caller,
under the error's status); a form view may catch it to show the message in its form instead,
so that what was typed is kept.
"""

from django.utils.translation import gettext_lazy as _


class CimaiseError(Exception):
    """A rule refused an action. `message` is written for the person, `status` is the HTTP
    status the answer carries."""

    message = _("Cette action n'est pas possible.")
    status = 400

    def __init__(self, message=None, *, status: int | None = None):
        if message is not None:
            self.message = message
        if status is not None:
            self.status = status
        super().__init__(str(self.message))

    def __str__(self) -> str:
        return str(self.message)


class NotAllowed(CimaiseError):
    """This person may not do this (403). The one such error of the project: apps raise it
    with their own message."""

    message = _("Vous n'avez pas le droit de faire cela.")
    status = 403


class MembershipError(CimaiseError):
    """A membership action that the rules refuse."""


class AccountDeletionRefused(CimaiseError):
    """A self-service account deletion that the rules refuse."""
