"""Domain errors of the forum; each message is written for the person who acted."""

from django.utils.translation import gettext_lazy as _


class ForumError(Exception):
    message = _("Action impossible.")
    status = 400

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class NotAllowed(ForumError):
    status = 403
    message = _("Seul l'auteur de la question ou un modérateur peut choisir sa solution.")


class NotAReply(ForumError):
    message = _("Seule une réponse peut être marquée comme solution, pas la question elle-même.")


class NotApproved(ForumError):
    message = _("Cette réponse attend la validation d'un modérateur.")
