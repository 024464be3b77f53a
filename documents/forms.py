"""Forms of the library (labels in French; rules are checked again in the services)."""

from django import forms
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from community.text import CleanTextMixin
from documents.models import Folder, Tag
from documents.selectors import SORTS
from documents.services import parse_tags


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Titre"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    tags = forms.CharField(
        label=_("Étiquettes"),
        required=False,
        max_length=500,
        help_text=_("Séparées par des virgules, par exemple : prêt, régie, modèle."),
    )

    def clean_tags(self):
        return parse_tags(self.cleaned_data["tags"])


class FolderChoiceField(forms.ModelChoiceField):
    """A folder shown with its path ("Procédures / Prêts"), as two folders may share a name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._table = None

    def label_from_instance(self, obj):
        if self._table is None:
            self._table = {f.pk: f for f in Folder.objects.only("pk", "name", "parent_id")}
        names, node, seen = [], obj, set()
        while node is not None and node.pk not in seen:
            seen.add(node.pk)
            names.append(node.name)
            node = self._table.get(node.parent_id)
        return " / ".join(reversed(names))


class DocumentEditForm(DocumentForm):
    """The description of a document and, for its curators, the folder it is filed in."""

    folder = FolderChoiceField(
        label=_("Dossier"),
        queryset=Folder.objects.none(),
        required=False,  # left out: the document stays where it is
        empty_label=None,
        help_text=_("Choisissez un autre dossier pour y déplacer le document."),
    )

    def __init__(self, *args, folders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["folder"].queryset = Folder.objects.filter(
            pk__in=[folder.pk for folder in folders]
        ).order_by("name", "pk")


FILE_HELP = _("PDF, images, documents bureautiques, texte, CSV ou ZIP. Taille maximale : %(max)s.")


class FileFieldsMixin(forms.Form):
    """The file itself (filesystem path) or the ticket of a direct upload to the bucket."""

    file = forms.FileField(label=_("Fichier"), required=False)
    ticket = forms.CharField(required=False, widget=forms.HiddenInput)
    sha256 = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)

    def __init__(self, *args, max_size_label="", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = FILE_HELP % {"max": max_size_label}

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("file") and not cleaned.get("ticket"):
            self.add_error("file", _("Choisissez le fichier à déposer."))
        return cleaned


class UploadForm(FileFieldsMixin, DocumentForm):
    field_order = ["title", "description", "tags", "file"]


class VersionForm(FileFieldsMixin, forms.Form):
    comment = forms.CharField(
        label=_("Note de version"),
        required=False,
        max_length=300,
        help_text=_("Ce qui change dans cette version (facultatif)."),
    )
    field_order = ["file", "comment"]


class FolderForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("folder", "Nom"), max_length=150)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.ModelChoiceField(
        label=_("Dossier parent"),
        queryset=Folder.objects.order_by("name"),
        required=False,
        empty_label=_("(à la racine de la bibliothèque)"),
    )
    read_access = forms.ChoiceField(
        label=_("Qui peut lire ce dossier"),
        choices=Folder.ReadAccess.choices,
        widget=forms.RadioSelect,
        initial=Folder.ReadAccess.MEMBERS,
    )
    read_roles = forms.MultipleChoiceField(
        label=_("Rôles autorisés (si restreint)"),
        choices=Folder.ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    read_groups = forms.ModelMultipleChoiceField(
        label=_("Groupes autorisés (si restreint)"),
        queryset=Group.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    add_access = forms.ChoiceField(
        label=_("Qui peut y déposer des documents"),
        choices=Folder.AddAccess.choices,
        widget=forms.RadioSelect,
        initial=Folder.AddAccess.READERS,
    )

    def __init__(self, *args, folder=None, **kwargs):
        super().__init__(*args, **kwargs)
        if folder is not None:
            self.fields["parent"].queryset = Folder.objects.exclude(pk=folder.pk).order_by("name")

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("read_access") == Folder.ReadAccess.RESTRICTED
            and not cleaned.get("read_roles")
            and not cleaned.get("read_groups")
        ):
            self.add_error(
                "read_roles",
                _("Choisissez au moins un rôle ou un groupe pour un dossier restreint."),
            )
        return cleaned


# -- query strings: what a search or a folder page reads from the URL ---------------------------


class SearchForm(CleanTextMixin, forms.Form):
    q = forms.CharField(label=_("Rechercher"), required=False, max_length=200)


class FolderFilterForm(CleanTextMixin, forms.Form):
    tri = forms.ChoiceField(choices=[(sort, sort) for sort in SORTS], required=False)
    etiquette = forms.CharField(required=False, max_length=Tag._meta.get_field("name").max_length)


class NewFolderQueryForm(forms.Form):
    """?parent=<id> preselects where a new folder goes."""

    parent = forms.ModelChoiceField(queryset=Folder.objects.all(), required=False)
