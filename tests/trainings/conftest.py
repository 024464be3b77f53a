"""Shared helpers for the trainings tests."""

import pytest


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run the after-commit work (emails) of what happens inside the `with` block."""

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run
