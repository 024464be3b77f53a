"""Data of one member in every app, for the GDPR export and deletion tests."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from machina.core.db.models import get_model

from community import files
from cvtheque.models import CandidateProfile
from documents.models import Document, DocumentVersion
from notifications.models import Notification
from tests import factories
from trainings.models import Registration

Forum = get_model("forum", "Forum")
Post = get_model("forum_conversation", "Post")
Topic = get_model("forum_conversation", "Topic")

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@dataclass
class MemberData:
    user: object
    cv: CandidateProfile
    document: Document
    version: DocumentVersion
    topic: object
    post: object
    registration: Registration
    notification: Notification


def store(content: bytes, prefix: str, name: str) -> str:
    return files.save_file(ContentFile(content, name=name), prefix=prefix)


def fill(user, *, tag: str) -> MemberData:
    """A CV with its file, a document with its file, a forum topic, a registration and a
    notification, each carrying `tag` so a test can tell whose data it sees."""
    cv = factories.CandidateProfileFactory(
        user=user,
        headline=f"CV de {tag}",
        cv_file=store(PDF + tag.encode(), "cvtheque/", "cv.pdf"),
        cv_filename=f"cv-{tag}.pdf",
        cv_size=len(PDF),
    )
    document = factories.DocumentFactory(author=user, title=f"Note de {tag}")
    content = PDF + f"document {tag}".encode()
    version = DocumentVersion.objects.create(
        document=document,
        number=1,
        file_name=store(content, "documents/", "note.pdf"),
        original_filename=f"note-{tag}.pdf",
        content_type="application/pdf",
        size=len(content),
        sha256="0" * 64,
        uploaded_by=user,
    )
    Document.objects.filter(pk=document.pk).update(current_version=version)
    forum = Forum.objects.filter(type=Forum.FORUM_POST).first() or Forum.objects.create(
        name="Entraide", type=Forum.FORUM_POST
    )
    topic = Topic.objects.create(
        forum=forum,
        poster=user,
        subject=f"Question de {tag}",
        type=Topic.TOPIC_POST,
        status=Topic.TOPIC_UNLOCKED,
    )
    post = Post.objects.create(
        topic=topic, poster=user, subject=topic.subject, content=f"Message de {tag}"
    )
    registration = factories.RegistrationFactory(member=user, note=f"Régime de {tag}")
    notification = Notification.objects.create(
        recipient=user, kind="mention", title=f"Notification pour {tag}"
    )
    return MemberData(user, cv, document, version, topic, post, registration, notification)
