"""Domain errors of the CV library (on the application error base of community.errors)."""

from community.errors import CimaiseError, NotAllowed  # noqa: F401 - NotAllowed re-exported


class CvError(CimaiseError):
    """An action on a CV or a job offer that the rules refuse (the message is shown)."""


class CvFileRejected(CvError):
    """The CV file was refused (type, size, storage): shown next to the file field."""
