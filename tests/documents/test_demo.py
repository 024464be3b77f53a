"""The demo seed creates folders and a searchable PDF, and can run twice."""

from documents import demo, selectors
from documents.models import Document, Folder


def test_seed_is_idempotent_and_searchable(staff, member, recruiter, moderator):
    ctx = {"staff": staff, "moderator": moderator, "recruiter": recruiter, "members": [member]}
    demo.seed(ctx)
    demo.seed(ctx)
    assert Folder.objects.count() == len(demo.FOLDERS)
    assert Document.objects.count() == 2
    found = selectors.search_documents(member, "hygrométrie")
    assert [d.title for d in found] == ["Compte rendu — journée régie des œuvres"]
