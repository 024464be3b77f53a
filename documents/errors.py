"""Domain errors of the library, each with a message for the person who triggered it."""

from django.utils.translation import gettext_lazy as _

from community.files import FileRejected, StorageUnavailable  # noqa: F401 - re-exported


class DocumentError(Exception):
    default = _("Cette action n'est pas possible.")

    def __init__(self, message=None):
        self.message = str(message or self.default)
        super().__init__(self.message)

    def __str__(self):
        return self.message


class NotAllowed(DocumentError):
    default = _("Vous n'avez pas le droit de faire cela dans ce dossier.")


class InvalidUpload(DocumentError):
    default = _("Le dépôt n'a pas pu être vérifié : recommencez l'envoi du fichier.")
