"""Personal data of the shared library: documents a person wrote or uploaded, folders they follow.

Documents are the association's shared resources: erasing a person keeps them and only detaches
the authorship (author and uploader become empty), as the models allow.
"""

from community.gdpr import safe_zip_name
from documents.models import Document, DocumentVersion, FolderFollow


def _version(version: DocumentVersion) -> dict:
    return {
        "number": version.number,
        "original_filename": version.original_filename,
        "content_type": version.content_type,
        "size": version.size,
        "sha256": version.sha256,
        "comment": version.comment,
        "created_at": version.created_at,
    }


def export(user) -> dict:
    authored = Document.objects.filter(author=user).select_related("folder").order_by("pk")
    uploaded = (
        DocumentVersion.objects.filter(uploaded_by=user)
        .select_related("document")
        .order_by("document_id", "number")
    )
    files = [
        (
            f"{version.document_id}-v{version.number}-{safe_zip_name(version.original_filename)}",
            version.file_name,
        )
        for version in uploaded
    ]
    data = {
        "documents_authored": [
            {
                "id": document.pk,
                "title": document.title,
                "description": document.description,
                "folder": document.folder.name,
                "tags": sorted(document.tags.values_list("name", flat=True)),
                "created_at": document.created_at,
                "updated_at": document.updated_at,
            }
            for document in authored
        ],
        "versions_uploaded": [
            {
                "document_id": version.document_id,
                "document": version.document.title,
                "file": zip_path,
                **_version(version),
            }
            for version, (zip_path, _name) in zip(uploaded, files, strict=True)
        ],
        "folders_followed": sorted(
            FolderFollow.objects.filter(user=user).values_list("folder__name", flat=True)
        ),
    }
    return {"data": data, "files": files}


def erase(user) -> None:
    Document.objects.filter(author=user).update(author=None)
    DocumentVersion.objects.filter(uploaded_by=user).update(uploaded_by=None)
    FolderFollow.objects.filter(user=user).delete()
