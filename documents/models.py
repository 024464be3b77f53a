"""The shared library: folders with read/add rights, documents, their versions and tags."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community import roles


class Folder(models.Model):
    class ReadAccess(models.TextChoices):
        MEMBERS = "members", _("Tous les membres")
        RESTRICTED = "restricted", _("Rôles ou groupes choisis")

    class AddAccess(models.TextChoices):
        STAFF = "staff", _("L'équipe de l'association uniquement")
        READERS = "readers", _("Tous ceux qui peuvent le lire")

    # Roles a restricted folder can be opened to (staff always reads everything).
    ROLE_CHOICES = [
        (roles.RECRUITER, _("Recruteurs")),
        (roles.MODERATOR, _("Modérateurs")),
        (roles.STAFF, _("Équipe de l'association")),
    ]

    name = models.CharField(_("nom"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("dossier parent"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    read_access = models.CharField(
        _("qui peut le lire"),
        max_length=20,
        choices=ReadAccess.choices,
        default=ReadAccess.MEMBERS,
    )
    read_roles = models.JSONField(_("rôles autorisés à lire"), default=list, blank=True)
    read_groups = models.ManyToManyField(
        Group, verbose_name=_("groupes autorisés à lire"), blank=True, related_name="+"
    )
    add_access = models.CharField(
        _("qui peut y déposer"),
        max_length=20,
        choices=AddAccess.choices,
        default=AddAccess.READERS,
    )
    followers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="FolderFollow",
        related_name="followed_folders",
        blank=True,
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Who last moved the folder (another parent, or up and down among its siblings), and when.
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déplacé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moved_at = models.DateTimeField(_("déplacé le"), null=True, blank=True)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("documents:folder", args=[self.pk])


class FolderFollow(models.Model):
    folder = models.ForeignKey(Folder, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="folder_follows"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["folder", "user"], name="documents_follow_once")
        ]

    def __str__(self):
        return f"{self.user} → {self.folder}"


class Tag(models.Model):
    name = models.CharField(_("nom"), max_length=60, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("étiquette")
        verbose_name_plural = _("étiquettes")

    def __str__(self):
        return self.name


class Document(models.Model):
    folder = models.ForeignKey(
        Folder, verbose_name=_("dossier"), on_delete=models.PROTECT, related_name="documents"
    )
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    tags = models.ManyToManyField(Tag, verbose_name=_("étiquettes"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="documents",
    )
    current_version = models.ForeignKey(
        "DocumentVersion",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Lowercase, accent-free text of the title, description, tags and current version's
    # content, rebuilt by the services whenever one of them changes.
    search_text = models.TextField(blank=True, editable=False)
    # PostgreSQL only: title 'A', description 'B', search_text 'C', written by a trigger on
    # every write of those columns (migration 0003), under a GIN index. Null on SQLite.
    search_vector = SearchVectorField(null=True, editable=False)
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    # Who last moved the document to another folder, and when.
    moved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déplacé par"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moved_at = models.DateTimeField(_("déplacé le"), null=True, blank=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("documents:document", args=[self.pk])


class DocumentVersion(models.Model):
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    file_name = models.CharField(_("nom stocké"), max_length=300, unique=True)
    original_filename = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.BigIntegerField(_("taille"))
    sha256 = models.CharField(_("empreinte SHA-256"), max_length=64)
    extracted_text = models.TextField(blank=True, editable=False)
    comment = models.CharField(_("note de version"), max_length=300, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    download_count = models.PositiveIntegerField(_("téléchargements"), default=0)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version")
        verbose_name_plural = _("versions")
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="documents_version_once")
        ]

    def __str__(self):
        return f"{self.document} v{self.number}"

    def get_download_url(self):
        return reverse("documents:download", args=[self.pk])
