"""The documents library: folders, documents and their versions on the file storage."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from community.registry import HomePanel, NavItem
from notifications.kinds import Kind

DOCUMENTS = _("Documents")


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = DOCUMENTS

    # What the library contributes to the whole (read by community/registry.py).
    access = "documents.access:URL_ACCESS"
    gdpr = "documents.gdpr"
    demo = "documents.demo:seed"
    notification_kinds = (
        Kind("document_new", _("Nouveau document dans un dossier suivi"), DOCUMENTS),
        Kind("document_version", _("Nouvelle version d'un document d'un dossier suivi"), DOCUMENTS),
    )
    navigation = (NavItem(DOCUMENTS, "documents:index", order=20),)
    home_panels = (
        HomePanel(
            "community/home_card.html",
            order=20,
            values={
                "title": DOCUMENTS,
                "url_name": "documents:index",
                "text": _("Procédures, modèles, comptes rendus."),
            },
        ),
    )
