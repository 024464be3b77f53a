"""What members and staff do in the library: folders, uploads, versions, deletion, follows."""

import hashlib
import logging
import tempfile
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from community import files
from documents import rights
from documents.errors import (
    NOT_ALLOWED_IN_FOLDER,
    DocumentError,
    FileRejected,
    InvalidUpload,
    NotAllowed,
    StorageUnavailable,
)
from documents.extract import EXTRACTABLE, extract_text
from documents.models import Document, DocumentVersion, Folder, FolderFollow, Tag

logger = logging.getLogger(__name__)

PREFIX = "documents"
# Direct uploads: the browser may write only its own key under INCOMING (presigned POST); the
# server copies it under CHECKING to verify it, then to PREFIX/<same id> for the version row.
# All three are under PREFIX, so documents_gc sweeps whatever a failure leaves behind.
INCOMING = f"{PREFIX}/incoming"
CHECKING = f"{PREFIX}/checking"
POLICY_EXPIRY = 10 * 60  # seconds the browser has to start sending the file to the bucket
TICKET_SALT = "documents.direct-upload"
TICKET_MAX_AGE = 3600  # seconds from "prepare" to the form's confirmation
CHUNK = 1024 * 1024


@dataclass
class StoredFile:
    """A verified file waiting for its version row.

    Sent through Django, it is already stored at `name`. Sent to the bucket, the verified copy is
    at `source` and goes to `name` in the transaction that writes the row (`upload` is the key
    the browser wrote, removed once the row exists).
    """

    name: str
    original_filename: str
    content_type: str
    size: int
    sha256: str
    text: str = ""
    source: str = ""
    upload: str = ""


def normalize(text: str) -> str:
    """Lowercase without accents, for search ("Journée" finds "journee" and the reverse)."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def parse_tags(raw: str) -> list[str]:
    seen, names = set(), []
    for part in (raw or "").split(","):
        name = " ".join(part.split())[:60]
        if name and name.lower() not in seen:
            seen.add(name.lower())
            names.append(name)
    return names


def _extract_max() -> int:
    return getattr(settings, "DOCUMENTS_EXTRACT_MAX_SIZE", 50 * 1024 * 1024)


def original_name(filename: str) -> str:
    """The name shown at download, normalised as it was checked (files.safe_filename)."""
    return files.safe_filename(filename, default="document")


# -- receiving files -------------------------------------------------------------------------


def store_upload(uploaded_file) -> StoredFile:
    """Check a file that came through Django, then store it. FileRejected / StorageUnavailable."""
    mime = files.validate_upload(uploaded_file)
    digest = hashlib.sha256()
    uploaded_file.seek(0)
    for chunk in uploaded_file.chunks(CHUNK):
        digest.update(chunk)
    text = ""
    if mime in EXTRACTABLE and uploaded_file.size <= _extract_max():
        text = extract_text(uploaded_file, mime)
    name = files.save_file(uploaded_file, prefix=PREFIX)
    return StoredFile(
        name=name,
        original_filename=original_name(uploaded_file.name),
        content_type=mime,
        size=uploaded_file.size,
        sha256=digest.hexdigest(),
        text=text,
    )


def prepare_direct_upload(*, by, folder=None, document=None, filename: str, size: int) -> dict:
    """A presigned POST for the browser to put the file straight into the bucket.

    The policy is valid POLICY_EXPIRY seconds for this key and exactly the declared size. The
    ticket (signed) says which object the server will accept to verify afterwards, for whom
    and where: the browser cannot point the server at another object.
    """
    if document is not None:
        if not rights.can_add_version(by, document):
            raise NotAllowed(NOT_ALLOWED_IN_FOLDER)
    elif folder is None or not rights.can_add(by, folder):
        raise NotAllowed(NOT_ALLOWED_IN_FOLDER)
    files.check_size(size)
    filename = original_name(filename)
    files.check_filename(filename)
    name = files.generated_name(INCOMING, filename)
    post = files.presigned_post(name, size=size, expires=POLICY_EXPIRY)
    ticket = signing.dumps(
        {
            "name": name,
            "filename": filename,
            "size": int(size),
            "user": by.pk,
            "folder": folder.pk if folder is not None and document is None else None,
            "document": document.pk if document is not None else None,
        },
        salt=TICKET_SALT,
    )
    return {"mode": "s3", "url": post["url"], "fields": post["fields"], "ticket": ticket}


def _ticket_data(ticket: str, *, by, folder, document) -> dict:
    try:
        data = signing.loads(ticket, salt=TICKET_SALT, max_age=TICKET_MAX_AGE)
    except signing.BadSignature as error:
        raise InvalidUpload() from error
    expected_folder = folder.pk if folder is not None and document is None else None
    expected_document = document.pk if document is not None else None
    name = data.get("name", "")
    if (
        data.get("user") != by.pk
        or data.get("folder") != expected_folder
        or data.get("document") != expected_document
        or not name.startswith(INCOMING + "/")
        or name.count("/") != INCOMING.count("/") + 1
        or ".." in name
    ):
        raise InvalidUpload()
    return data


def _already_recorded(name: str) -> bool:
    return DocumentVersion.objects.filter(file_name=name).exists()


def _recorded_error() -> InvalidUpload:
    return InvalidUpload(
        _("Ce fichier est déjà enregistré : le dépôt a été confirmé une première fois.")
    )


def verify_direct_upload(
    *, ticket: str, by, folder=None, document=None, sha256: str = ""
) -> StoredFile:
    """Check the object a browser put in the bucket: size, type, content, checksum.

    What is checked is the server's own copy (CHECKING), never the key the browser may still
    write to, and that copy is the one the version row will point to (under PREFIX).
    A refused object is deleted at once. Raises InvalidUpload, FileRejected, StorageUnavailable.
    """
    data = _ticket_data(ticket, by=by, folder=folder, document=document)
    upload = data["name"]
    name = f"{PREFIX}/{upload.rsplit('/', 1)[-1]}"
    if _already_recorded(name):
        raise _recorded_error()
    checking = files.generated_name(CHECKING, data["filename"])
    try:
        files.copy_file(upload, checking)
    except FileNotFoundError:
        if _already_recorded(name):  # confirmed meanwhile by another request, which removed it
            raise _recorded_error() from None
        raise InvalidUpload(
            _("Le fichier n'est pas arrivé dans le stockage : recommencez l'envoi.")
        ) from None
    try:
        stored = _check_copy(checking, data=data, sha256=sha256)
    except FileRejected:
        files.delete_file(checking)
        files.delete_file(upload)
        raise
    except StorageUnavailable:
        files.delete_file(checking)  # the upload stays for a new try; documents_gc sweeps it
        raise
    stored.name, stored.source, stored.upload = name, checking, upload
    return stored


def _check_copy(checking: str, *, data: dict, sha256: str) -> StoredFile:
    """Read the server's copy once: its size, SHA-256, content checks and searchable text."""
    size = files.stored_size(checking)
    files.check_size(size)
    if size != data["size"]:
        raise FileRejected(
            _("Le fichier reçu est incomplet ou différent de celui envoyé : recommencez.")
        )
    digest = hashlib.sha256()
    with tempfile.SpooledTemporaryFile(max_size=8 * CHUNK) as copy:
        for chunk in files.iter_chunks(checking, CHUNK):
            digest.update(chunk)
            copy.write(chunk)
        if copy.tell() != size:
            raise FileRejected(
                _("Le fichier reçu est incomplet ou différent de celui envoyé : recommencez.")
            )
        copy.seek(0)
        mime = files.check_content(copy, filename=data["filename"], size=size)
        if sha256 and sha256.lower() != digest.hexdigest():
            raise FileRejected(
                _("L'empreinte du fichier reçu ne correspond pas à celle envoyée : recommencez.")
            )
        text = extract_text(copy, mime) if mime in EXTRACTABLE and size <= _extract_max() else ""
    return StoredFile(
        name=checking,
        original_filename=data["filename"],
        content_type=mime,
        size=size,
        sha256=digest.hexdigest(),
        text=text,
    )


def _save_with_file(stored: StoredFile, write_rows, *, allowed: bool):
    """Run `write_rows` (rows pointing at `stored.name`) in one transaction holding the file.

    A direct upload is copied to `stored.name` last, once its version row has claimed that
    unique name: a second confirmation of the same upload stops at the claim (a clear
    InvalidUpload, after waiting for the first one to commit) and touches no object.
    A file is removed only while no committed row can point to it; when the commit itself
    fails nobody knows, so the file stays and documents_gc decides from the database later.
    `write_rows` must write before it reads: on SQLite a transaction that read first cannot
    wait for another writer and fails at once ("database is locked").
    """
    committing = False
    try:
        if not allowed:
            raise NotAllowed(NOT_ALLOWED_IN_FOLDER)
        with transaction.atomic():
            result = write_rows()
            if stored.source:
                _put_in_place(stored)
            committing = True
    except IntegrityError as error:
        _discard(stored, committing)
        if stored.source and _already_recorded(stored.name):
            raise _recorded_error() from error
        raise
    except (DatabaseError, DocumentError, StorageUnavailable):
        _discard(stored, committing)
        raise
    if stored.source:
        files.delete_file(stored.source)  # no row points there: a failure is left to documents_gc
        files.delete_file(stored.upload)
    return result


def _put_in_place(stored: StoredFile) -> None:
    try:
        files.copy_file(stored.source, stored.name, content_type=stored.content_type)
    except (FileNotFoundError, StorageUnavailable) as error:
        # Our row holds the name until the rollback: nobody else can have put a file there.
        files.delete_file(stored.name)
        raise StorageUnavailable() from error


def _discard(stored: StoredFile, committing: bool) -> None:
    """Remove what this attempt stored and no row will point to."""
    if stored.source:
        files.delete_file(stored.source)  # the checked copy: never pointed to by a row
    elif not committing:
        files.delete_file(stored.name)  # stored through Django under a name of its own


# -- documents and versions ------------------------------------------------------------------


def _search_text(document: Document, tag_names: list[str], content: str) -> str:
    return normalize(" ".join([document.title, document.description, *tag_names, content]))


def _set_tags(document: Document, names: list[str]) -> list[str]:
    tags = []
    for name in names:
        tag = Tag.objects.filter(name__iexact=name).first()
        if tag is None:
            # Two uploads may create the same new tag at once: the second insert is ignored
            # (it waits for the first to commit on PostgreSQL), then both read the one row.
            Tag.objects.bulk_create([Tag(name=name)], ignore_conflicts=True)
            tag = Tag.objects.get(name=name)
        tags.append(tag)
    document.tags.set(tags)
    return [tag.name for tag in tags]


def _notify_followers(*, folder, document, by, kind: str, title: str, params: dict) -> None:
    from notifications.services import notify

    follower_ids = list(
        FolderFollow.objects.filter(folder=folder).exclude(user=by).values_list("user", flat=True)
    )
    if not follower_ids:
        return
    notify(
        rights.readers_among(follower_ids, folder),
        kind,
        actor=by,
        target=document,
        title=title,
        url=document.get_absolute_url(),
        params=params,
    )


def _create_version(*, document, by, stored: StoredFile, number: int, comment: str):
    return DocumentVersion.objects.create(
        document=document,
        number=number,
        file_name=stored.name,
        original_filename=stored.original_filename,
        content_type=stored.content_type,
        size=stored.size,
        sha256=stored.sha256,
        extracted_text=stored.text,
        comment=comment[:300],
        uploaded_by=by,
    )


def publish_document(
    *,
    folder: Folder,
    by,
    title: str,
    description: str = "",
    tags: list[str] | tuple = (),
    stored: StoredFile,
) -> Document:
    """Create a document and its first version around a verified file; the file is removed if
    the rows are not written, so there is never a row without its file nor a file without its
    row (see _save_with_file)."""

    def write_rows():
        document = Document.objects.create(
            folder=folder, title=title.strip(), description=description.strip(), author=by
        )
        tag_names = _set_tags(document, list(tags))
        version = _create_version(document=document, by=by, stored=stored, number=1, comment="")
        document.current_version = version
        document.search_text = _search_text(document, tag_names, stored.text)
        document.save(update_fields=["current_version", "search_text", "updated_at"])
        about = {"folder": folder.name, "title": document.title}
        _notify_followers(
            folder=folder,
            document=document,
            by=by,
            kind="document_new",
            title=_("Nouveau document dans « %(folder)s » : %(title)s") % about,
            params=about,
        )
        return document

    return _save_with_file(stored, write_rows, allowed=rights.can_add(by, folder))


def add_version(
    *, document: Document, by, stored: StoredFile, comment: str = ""
) -> DocumentVersion:
    """A new current version; the older ones stay downloadable."""

    def write_rows():
        # Written first: the row lock on PostgreSQL, the database lock on SQLite.
        Document.objects.filter(pk=document.pk).update(updated_at=timezone.now())
        locked = Document.objects.select_for_update().get(pk=document.pk)
        number = (locked.versions.aggregate(top=Max("number"))["top"] or 0) + 1
        version = _create_version(
            document=locked, by=by, stored=stored, number=number, comment=comment
        )
        locked.current_version = version
        locked.search_text = _search_text(
            locked, list(locked.tags.values_list("name", flat=True)), stored.text
        )
        locked.save(update_fields=["current_version", "search_text", "updated_at"])
        about = {"number": number, "title": locked.title}
        _notify_followers(
            folder=locked.folder,
            document=locked,
            by=by,
            kind="document_version",
            title=_("Nouvelle version (v%(number)s) de « %(title)s »") % about,
            params=about,
        )
        return version

    return _save_with_file(stored, write_rows, allowed=rights.can_add_version(by, document))


def update_document(
    *,
    document: Document,
    by,
    title: str,
    description: str,
    tags: list[str],
    folder: Folder | None = None,
) -> Document:
    """Edit a document's title, description and tags and, when `folder` is given, move it there.

    Its author, a moderator or staff (rights.can_curate); the new folder must be one they may
    move it into (rights.can_move_to)."""
    if not rights.can_curate(by, document):
        raise NotAllowed(_("Seuls l'auteur du document et la modération peuvent le modifier."))
    if folder is not None and not rights.can_move_to(by, document, folder):
        raise NotAllowed(_("Vous ne pouvez pas déplacer ce document dans ce dossier."))
    with transaction.atomic():
        document.title = title.strip()
        document.description = description.strip()
        if folder is not None and folder.pk != document.folder_id:
            document.folder = folder
            document.moved_by, document.moved_at = by, timezone.now()
        tag_names = _set_tags(document, tags)
        text = document.current_version.extracted_text if document.current_version else ""
        document.search_text = _search_text(document, tag_names, text)
        document.save()
    return document


def delete_document(*, document: Document, by) -> None:
    """Remove a document, its versions and (once the rows are gone) their stored files."""
    if not rights.can_curate(by, document):
        raise NotAllowed(_("Seuls l'auteur du document et la modération peuvent le supprimer."))
    names = list(document.versions.values_list("file_name", flat=True))
    with transaction.atomic():
        Document.objects.filter(pk=document.pk).update(current_version=None)
        document.delete()

        def remove_files():
            for name in names:
                files.delete_file(name)  # a failure leaves an orphan for documents_gc

        transaction.on_commit(remove_files)


def record_download(version: DocumentVersion) -> None:
    DocumentVersion.objects.filter(pk=version.pk).update(download_count=F("download_count") + 1)


# -- folders ---------------------------------------------------------------------------------


def _check_staff(by):
    if not rights.can_manage_folders(by):
        raise NotAllowed(_("Seule l'équipe de l'association gère les dossiers."))


def create_folder(
    *,
    by,
    name: str,
    parent: Folder | None = None,
    description: str = "",
    read_access: str = Folder.ReadAccess.MEMBERS,
    read_roles: list[str] | tuple = (),
    read_groups=(),
    add_access: str = Folder.AddAccess.READERS,
) -> Folder:
    _check_staff(by)
    with transaction.atomic():
        siblings = Folder.objects.filter(parent=parent)
        position = (siblings.aggregate(top=Max("position"))["top"] or 0) + 1
        folder = Folder.objects.create(
            name=name.strip(),
            parent=parent,
            description=description.strip(),
            position=position,
            read_access=read_access,
            read_roles=sorted(set(read_roles)),
            add_access=add_access,
        )
        folder.read_groups.set(read_groups)
    rights.forget(by)
    return folder


def update_folder(
    *,
    folder: Folder,
    by,
    name: str,
    parent: Folder | None,
    description: str,
    read_access: str,
    read_roles,
    read_groups,
    add_access: str,
) -> Folder:
    _check_staff(by)
    node = parent
    while node is not None:
        if node.pk == folder.pk:
            raise NotAllowed(_("Un dossier ne peut pas être rangé dans lui-même."))
        node = node.parent
    with transaction.atomic():
        if parent != folder.parent:
            siblings = Folder.objects.filter(parent=parent)
            folder.position = (siblings.aggregate(top=Max("position"))["top"] or 0) + 1
            folder.moved_by, folder.moved_at = by, timezone.now()
        folder.name = name.strip()
        folder.parent = parent
        folder.description = description.strip()
        folder.read_access = read_access
        folder.read_roles = sorted(set(read_roles))
        folder.add_access = add_access
        folder.save()
        folder.read_groups.set(read_groups)
    rights.forget(by)
    return folder


def move_folder(*, folder: Folder, by, direction: str) -> None:
    """Swap a folder with its previous ("up") or next ("down") sibling."""
    _check_staff(by)
    with transaction.atomic():
        siblings = list(
            Folder.objects.select_for_update()
            .filter(parent_id=folder.parent_id)
            .order_by("position", "name", "pk")
        )
        index = next(i for i, item in enumerate(siblings) if item.pk == folder.pk)
        other = index - 1 if direction == "up" else index + 1
        if other < 0 or other >= len(siblings):
            return
        siblings[index], siblings[other] = siblings[other], siblings[index]
        for position, item in enumerate(siblings, start=1):
            if item.position != position:
                Folder.objects.filter(pk=item.pk).update(position=position)
        Folder.objects.filter(pk=folder.pk).update(moved_by=by, moved_at=timezone.now())


def delete_folder(*, folder: Folder, by) -> None:
    _check_staff(by)
    if folder.children.exists() or folder.documents.exists():
        raise NotAllowed(_("Seul un dossier vide peut être supprimé."))
    folder.delete()


def toggle_follow(*, folder: Folder, by) -> bool:
    """Follow or stop following a folder; True when now followed."""
    if not rights.can_read(by, folder):
        raise NotAllowed(NOT_ALLOWED_IN_FOLDER)
    deleted, _count = FolderFollow.objects.filter(folder=folder, user=by).delete()
    if deleted:
        return False
    FolderFollow.objects.get_or_create(folder=folder, user=by)
    return True
