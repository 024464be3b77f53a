"""Access level of each URL of the cvtheque app (read by community's members-only gate)."""

from community import roles  # noqa: F401

URL_ACCESS = {}
