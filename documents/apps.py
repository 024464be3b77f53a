from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from notifications.kinds import Delivery, register_kind

        register_kind(
            "document_new",
            _("Nouveau document dans un dossier suivi"),
            group=_("Documents"),
            default_delivery=Delivery.IN_APP,
        )
        register_kind(
            "document_version",
            _("Nouvelle version d'un document d'un dossier suivi"),
            group=_("Documents"),
            default_delivery=Delivery.IN_APP,
        )
