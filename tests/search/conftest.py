"""Search fixtures: one searchable thing in every area, each made the way its app makes it."""

import pytest
from django.urls import reverse
from machina.core.db.models import get_model

from documents.models import Document, DocumentVersion, Folder
from documents.services import normalize
from forum.models import TopicSolution
from tests import factories
from tests.forum.conftest import make_reply, make_topic

Forum = get_model("forum", "Forum")


def search(client, q="", **params):
    return client.get(reverse("community:search"), {"q": q, **params})


def make_document(folder, title, *, text="", description="", author=None):
    """A document with a current version whose text was extracted, as the services leave it."""
    document = Document.objects.create(
        folder=folder, title=title, description=description, author=author
    )
    version = DocumentVersion.objects.create(
        document=document,
        number=1,
        file_name=f"documents/{document.pk}-{title}.pdf",
        original_filename=f"{title}.pdf",
        content_type="application/pdf",
        size=100,
        sha256="0" * 64,
        extracted_text=text,
    )
    document.current_version = version
    document.search_text = normalize(" ".join([title, description, text]))
    document.save()
    return document


def make_answered_topic(forum, asker, answerer, *, subject, question, answer, solution=True):
    topic = make_topic(forum, asker, subject=subject, content=question)
    reply = make_reply(topic, answerer, content=answer)
    if solution:
        TopicSolution.objects.create(topic=topic, post=reply, marked_by=asker)
    return topic, reply


@pytest.fixture
def forum(db):  # noqa: ARG001 - db: the forum is read from the database
    return Forum.objects.get(slug="conservation-preventive")


@pytest.fixture
def folder(db):  # noqa: ARG001 - db: the fixture writes rows
    return Folder.objects.create(name="Conservation", position=1)


@pytest.fixture
def restricted_folder(db):  # noqa: ARG001 - db: the fixture writes rows
    return Folder.objects.create(
        name="Direction", position=2, read_access=Folder.ReadAccess.RESTRICTED, read_roles=["staff"]
    )


@pytest.fixture
def everything(forum, folder, member, other_member):
    """Something about the humidity of the stores in every area."""
    topic, reply = make_answered_topic(
        forum,
        member,
        other_member,
        subject="Humidité dans la réserve",
        question="Quel taux d'humidité viser dans une réserve de textiles ?",
        answer="Entre 45 et 55 % d'humidité relative, stable, dans la réserve.",
    )
    document = make_document(
        folder, "Plan de conservation", text="Contrôle de l'humidité des réserves, chaque mois."
    )
    training = factories.TrainingFactory(
        title="Climat des réserves", description="Mesurer l'humidité et la température."
    )
    offer = factories.JobOfferFactory(
        title="Régisseur des réserves", description="Suivi de l'humidité des réserves."
    )
    profile = factories.CandidateProfileFactory(
        headline="Régisseuse", summary="Spécialiste de l'humidité en réserve."
    )
    return {
        "topic": topic,
        "reply": reply,
        "document": document,
        "training": training,
        "offer": offer,
        "profile": profile,
    }
