"""Domain errors of the CV library, turned into messages by the views."""


class CvError(Exception):
    """An action on a CV or a job offer that the rules refuse (the message is shown)."""


class NotAllowed(CvError):
    """The person may not do this (the view answers 403)."""


class CvFileRejected(CvError):
    """The CV file was refused (type, size, storage): shown next to the file field."""
