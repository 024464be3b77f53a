"""Domain errors of the forum (on the application error base of community.errors); each
message is written for the person who acted."""

from django.utils.translation import gettext_lazy as _

from community import errors


class ForumError(errors.CimaiseError):
    message = _("Action impossible.")


class NotAllowed(ForumError, errors.NotAllowed):
    """community's NotAllowed (403), also a ForumError for the forum's views, with the message
    of the check forum.services makes most."""

    message = _("Seul l'auteur de la question ou un modérateur peut choisir sa solution.")


class NotAReply(ForumError):
    message = _("Seule une réponse peut être marquée comme solution, pas la question elle-même.")


class NotApproved(ForumError):
    message = _("Cette réponse attend la validation d'un modérateur.")
