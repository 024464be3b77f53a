"""Domain errors of the library (on the application error base of community.errors)."""

from django.utils.translation import gettext_lazy as _

from community.errors import CimaiseError, NotAllowed  # noqa: F401 - re-exported
from community.files import FileRejected, StorageUnavailable  # noqa: F401 - re-exported

# What NotAllowed says when the folder's rights refuse an upload, a version or a follow.
NOT_ALLOWED_IN_FOLDER = _("Vous n'avez pas le droit de faire cela dans ce dossier.")


class DocumentError(CimaiseError):
    pass


class InvalidUpload(DocumentError):
    message = _("Le dépôt n'a pas pu être vérifié : recommencez l'envoi du fichier.")
