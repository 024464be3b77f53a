"""Account deletion and stored files: each app's erase() schedules its own file removals after
commit (erase returns nothing), so the files go with the commit and a rollback keeps them."""

import pytest

from community import files, gdpr
from tests.community.gdpr_data import fill


def test_every_app_erase_returns_nothing(member):
    fill(member, tag="moi")
    for app, module in gdpr.gdpr_modules():
        assert module.erase(member) is None, app


def test_the_cv_file_goes_after_commit_and_not_before(member, django_capture_on_commit_callbacks):
    mine = fill(member, tag="moi")

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        gdpr.delete_account(member, confirm_email=member.email)

    # The rows are gone but, until the transaction commits, the file is still stored.
    assert files.file_exists(mine.cv.cv_file)
    for callback in callbacks:
        callback()
    assert not files.file_exists(mine.cv.cv_file)
    # The library's documents belong to the association: their files stay.
    assert files.file_exists(mine.version.file_name)


def test_a_rollback_keeps_every_file(member, monkeypatch, django_capture_on_commit_callbacks):
    mine = fill(member, tag="moi")

    def broken_anonymise(_user):
        raise RuntimeError("base de données indisponible")

    # Every app has erased (the CV row is deleted) when the last step fails.
    monkeypatch.setattr(gdpr, "_anonymise_user", broken_anonymise)

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError):
            gdpr.delete_account(member, confirm_email=member.email)

    assert callbacks == []
    assert files.file_exists(mine.cv.cv_file)
    assert files.file_exists(mine.version.file_name)
