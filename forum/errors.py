"""Domain errors of the forum (on the application error base of community.errors); each
message is written for the person who acted. A refusal is community's one NotAllowed, raised
with the forum's own message."""

from django.utils.translation import gettext_lazy as _

from community.errors import CimaiseError, NotAllowed  # noqa: F401 - NotAllowed re-exported


class ForumError(CimaiseError):
    message = _("Action impossible.")


class NotAReply(ForumError):
    message = _("Seule une réponse peut être marquée comme solution, pas la question elle-même.")


class NotApproved(ForumError):
    message = _("Cette réponse attend la validation d'un modérateur.")
