"""Views of the library: thin, they check the object-level rights, call a service and render."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import files
from community.middleware import answers_json
from documents import listing, rights, selectors, services
from documents.errors import DocumentError, FileRejected, InvalidUpload, NotAllowed
from documents.forms import (
    DocumentEditForm,
    FolderFilterForm,
    FolderForm,
    NewFolderQueryForm,
    SearchForm,
    UploadForm,
    VersionForm,
)
from documents.models import Document, DocumentVersion, Folder, FolderFollow

PAGE_SIZE = 50


def _readable_folder(request, pk) -> Folder:
    folder = get_object_or_404(Folder.objects.select_related("parent"), pk=pk)
    if not rights.can_read(request.user, folder):
        raise Http404
    return folder


def _readable_document(request, pk) -> Document:
    document = get_object_or_404(
        Document.objects.select_related("folder", "author", "current_version"), pk=pk
    )
    if not rights.can_read(request.user, document.folder):
        raise Http404
    return document


def _max_size_label():
    return filesizeformat(settings.MAX_UPLOAD_SIZE)


def index(request):
    readable = rights.readable_folder_ids(request.user)
    folders = [
        f
        for f in Folder.objects.filter(parent=None).order_by("position", "name")
        if f.pk in readable
    ]
    return render(
        request,
        "documents/index.html",
        {"folders": folders, "can_manage": rights.can_manage_folders(request.user)},
    )


def _refused_query(form) -> str:
    """The reason a query string was refused, for the message shown above the page."""
    return " ".join(error for errors in form.errors.values() for error in errors)


def folder_detail(request, pk):
    folder = _readable_folder(request, pk)
    filters, status = FolderFilterForm(request.GET), 200
    if filters.is_valid():
        sort, tag = filters.cleaned_data["tri"] or "nom", filters.cleaned_data["etiquette"]
    else:
        sort, tag, status = "nom", "", 400
        messages.error(
            request, _("Filtre ignoré : %(reason)s") % {"reason": _refused_query(filters)}
        )
    query = urlencode({"tri": sort, "etiquette": tag} if tag else {"tri": sort})
    document_list, tags = listing.folder_listing(request, folder, sort=sort, tag=tag, query=query)
    return render(
        request,
        "documents/folder.html",
        {
            "folder": folder,
            "breadcrumbs": selectors.breadcrumbs(folder),
            "children": selectors.readable_children(request.user, folder),
            "document_list": document_list,
            "sort": sort,
            "tag": tag,
            "tags": tags,
            "query": query,
            "can_add": rights.can_add(request.user, folder),
            "can_manage": rights.can_manage_folders(request.user),
            "following": FolderFollow.objects.filter(folder=folder, user=request.user).exists(),
        },
        status=status,
    )


def _folder_kwargs(form):
    data = form.cleaned_data
    return {
        "name": data["name"],
        "parent": data["parent"],
        "description": data["description"],
        "read_access": data["read_access"],
        "read_roles": data["read_roles"],
        "read_groups": data["read_groups"],
        "add_access": data["add_access"],
    }


def folder_create(request):
    # A parent that is not a folder's id is ignored: the form lets one choose it anyway.
    query = NewFolderQueryForm(request.GET)
    parent = query.cleaned_data["parent"] if query.is_valid() else None
    form = FolderForm(request.POST or None, initial={"parent": parent})
    if request.method == "POST":
        if form.is_valid():
            folder = services.create_folder(by=request.user, **_folder_kwargs(form))
            messages.success(request, _("Le dossier « %(name)s » est créé.") % {"name": folder})
            return redirect(folder)
        return render(request, "documents/folder_form.html", {"form": form}, status=400)
    return render(request, "documents/folder_form.html", {"form": form})


def folder_edit(request, pk):
    folder = get_object_or_404(Folder, pk=pk)
    initial = {
        "name": folder.name,
        "description": folder.description,
        "parent": folder.parent,
        "read_access": folder.read_access,
        "read_roles": folder.read_roles,
        "read_groups": list(folder.read_groups.all()),
        "add_access": folder.add_access,
    }
    form = FolderForm(request.POST or None, initial=initial, folder=folder)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.update_folder(folder=folder, by=request.user, **_folder_kwargs(form))
            except NotAllowed as error:
                form.add_error("parent", str(error))
            else:
                messages.success(request, _("Le dossier est mis à jour."))
                return redirect(folder)
        return render(
            request, "documents/folder_form.html", {"form": form, "folder": folder}, status=400
        )
    return render(request, "documents/folder_form.html", {"form": form, "folder": folder})


@require_POST
def folder_move(request, pk):
    folder = get_object_or_404(Folder, pk=pk)
    direction = request.POST.get("direction")
    if direction not in ("up", "down"):
        raise DocumentError(_("Déplacement inconnu."))
    services.move_folder(folder=folder, by=request.user, direction=direction)
    return redirect(folder.parent or "documents:index")


@require_POST
def folder_follow(request, pk):
    folder = _readable_folder(request, pk)
    if services.toggle_follow(folder=folder, by=request.user):
        messages.success(
            request, _("Vous suivez ce dossier : vous serez prévenu des nouveaux documents.")
        )
    else:
        messages.success(request, _("Vous ne suivez plus ce dossier."))
    return redirect(folder)


def _receive(request, form, *, folder=None, document=None):
    """The verified stored file of an upload form: sent through Django or put in the bucket."""
    data = form.cleaned_data
    if data.get("file"):
        return services.store_upload(data["file"])
    if not files.direct_uploads():
        raise InvalidUpload()
    return services.verify_direct_upload(
        ticket=data["ticket"],
        by=request.user,
        folder=folder,
        document=document,
        sha256=data.get("sha256", ""),
    )


def upload(request, pk):
    folder = _readable_folder(request, pk)
    if not rights.can_add(request.user, folder):
        raise NotAllowed(_("Seule l'équipe de l'association dépose dans ce dossier."))
    form = UploadForm(request.POST or None, request.FILES or None, max_size_label=_max_size_label())
    context = {"form": form, "folder": folder, "breadcrumbs": selectors.breadcrumbs(folder)}
    if request.method == "POST":
        if form.is_valid():
            try:
                stored = _receive(request, form, folder=folder)
                document = services.publish_document(
                    folder=folder,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    tags=form.cleaned_data["tags"],
                    stored=stored,
                )
            except (FileRejected, InvalidUpload) as error:
                # Shown in the form, which keeps the title, description and tags typed.
                form.add_error("file", str(error))
            else:
                messages.success(request, _("Le document est déposé."))
                return redirect(document)
        return render(request, "documents/upload.html", context, status=400)
    return render(request, "documents/upload.html", context)


@require_POST
@answers_json
def upload_prepare(request):
    """JSON for upload.js: where the browser sends the file (straight to the bucket on S3)."""
    if not files.direct_uploads():
        return JsonResponse({"mode": "form"})
    folder = document = None
    if request.POST.get("document", "").isdigit():
        document = (
            Document.objects.select_related("folder").filter(pk=request.POST["document"]).first()
        )
        if document is None or not rights.can_read(request.user, document.folder):
            return JsonResponse({"error": _("Document introuvable.")}, status=404)
    elif request.POST.get("folder", "").isdigit():
        folder = Folder.objects.filter(pk=request.POST["folder"]).first()
        if folder is None or not rights.can_read(request.user, folder):
            return JsonResponse({"error": _("Dossier introuvable.")}, status=404)
    else:
        return JsonResponse({"error": _("Dossier introuvable.")}, status=404)
    try:
        size = int(request.POST.get("size", "0"))
    except ValueError:
        size = 0
    # A refusal (FileRejected, NotAllowed, StorageUnavailable) is answered by the gate
    # middleware: upload.js asks for JSON and gets {"error": message} with the status.
    payload = services.prepare_direct_upload(
        by=request.user,
        folder=folder,
        document=document,
        filename=request.POST.get("filename", ""),
        size=size,
    )
    return JsonResponse(payload)


def document_detail(request, pk):
    document = _readable_document(request, pk)
    versions = document.versions.select_related("uploaded_by")
    return render(
        request,
        "documents/document.html",
        {
            "document": document,
            "versions": versions,
            "tags": document.tags.order_by("name"),
            "breadcrumbs": selectors.breadcrumbs(document.folder),
            "can_curate": rights.can_curate(request.user, document),
            "can_add_version": rights.can_add_version(request.user, document),
        },
    )


def document_edit(request, pk):
    document = _readable_document(request, pk)
    if not rights.can_curate(request.user, document):
        raise NotAllowed(_("Seuls l'auteur du document et la modération peuvent le modifier."))
    initial = {
        "title": document.title,
        "description": document.description,
        "tags": ", ".join(document.tags.order_by("name").values_list("name", flat=True)),
        "folder": document.folder,
    }
    form = DocumentEditForm(
        request.POST or None,
        initial=initial,
        folders=rights.move_targets(request.user, document),
    )
    context = {"form": form, "document": document}
    if request.method == "POST":
        if form.is_valid():
            services.update_document(document=document, by=request.user, **form.cleaned_data)
            messages.success(request, _("Le document est mis à jour."))
            return redirect(document)
        return render(request, "documents/document_form.html", context, status=400)
    return render(request, "documents/document_form.html", context)


def version_upload(request, pk):
    document = _readable_document(request, pk)
    if not rights.can_add_version(request.user, document):
        raise NotAllowed(
            _("Seuls l'auteur du document et l'équipe peuvent en déposer une version.")
        )
    form = VersionForm(
        request.POST or None, request.FILES or None, max_size_label=_max_size_label()
    )
    context = {
        "form": form,
        "document": document,
        "breadcrumbs": selectors.breadcrumbs(document.folder),
    }
    if request.method == "POST":
        if form.is_valid():
            try:
                stored = _receive(request, form, document=document)
                services.add_version(
                    document=document,
                    by=request.user,
                    stored=stored,
                    comment=form.cleaned_data["comment"],
                )
            except (FileRejected, InvalidUpload) as error:
                form.add_error("file", str(error))
            else:
                messages.success(request, _("La nouvelle version est déposée."))
                return redirect(document)
        return render(request, "documents/version_upload.html", context, status=400)
    return render(request, "documents/version_upload.html", context)


def document_delete(request, pk):
    document = _readable_document(request, pk)
    if not rights.can_curate(request.user, document):
        raise NotAllowed(_("Seuls l'auteur du document et la modération peuvent le supprimer."))
    if request.method == "POST":
        folder = document.folder
        services.delete_document(document=document, by=request.user)
        messages.success(request, _("Le document et ses versions sont supprimés."))
        return redirect(folder)
    return render(request, "documents/document_delete.html", {"document": document})


def download(request, pk):
    version = get_object_or_404(DocumentVersion.objects.select_related("document__folder"), pk=pk)
    if not rights.can_read(request.user, version.document.folder):
        raise Http404
    try:
        response = files.download_response(
            request,
            version.file_name,
            filename=version.original_filename,
            content_type=version.content_type,
        )
    except FileNotFoundError:
        raise Http404 from None
    services.record_download(version)
    return response


def search(request):
    form, status = SearchForm(request.GET), 200
    query = form.cleaned_data["q"] if form.is_valid() else ""
    if form.errors:
        status = 400
        messages.error(
            request,
            _("Recherche impossible : %(reason)s") % {"reason": _refused_query(form)},
        )
    results = selectors.search_documents(request.user, query) if query else []
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page")) if query else None
    return render(
        request,
        "documents/search.html",
        {"q": query, "page": page, "documents": page.object_list if page else []},
        status=status,
    )
