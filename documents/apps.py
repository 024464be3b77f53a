"""The documents library: folders, documents and their versions on the file storage."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from community.registry import HomePanel, NavItem
from notifications.kinds import Delivery, Kind

DOCUMENTS = _("Documents")


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = DOCUMENTS

    # What the library contributes to the whole (read by community/registry.py).
    access = "documents.access:URL_ACCESS"
    gdpr = "documents.gdpr"
    demo = "documents.demo:seed"
    search = "documents.search:areas"
    notification_kinds = (
        Kind(
            "document_new",
            _("Nouveau document dans un dossier suivi"),
            DOCUMENTS,
            Delivery.DIGEST,
            network_summary=ngettext_lazy(
                "%(count)d nouveau document dans la bibliothèque",
                "%(count)d nouveaux documents dans la bibliothèque",
                "count",
            ),
            title=_("Nouveau document dans « %(folder)s » : %(title)s"),
        ),
        Kind(
            "document_version",
            _("Nouvelle version d'un document d'un dossier suivi"),
            DOCUMENTS,
            Delivery.DIGEST,
            title=_("Nouvelle version (v%(number)s) de « %(title)s »"),
        ),
    )
    navigation = (NavItem(DOCUMENTS, "documents:index", order=20),)
    home_panels = (
        HomePanel(
            "documents/home_panel.html",
            order=20,
            context="documents.home:panel_context",
            changes_with=(
                "documents.Document",
                "documents.Folder",
                "documents.Folder.read_groups",
                "documents.FolderFollow",
            ),
        ),
    )

    def ready(self):
        from documents import listing

        listing.connect()
