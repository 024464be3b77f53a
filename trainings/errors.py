"""Domain errors of trainings (on the application error base of community.errors)."""

from community.errors import CimaiseError, NotAllowed  # noqa: F401 - NotAllowed re-exported


class TrainingError(CimaiseError):
    """A rule of the trainings was broken; str(error) is the message for the person."""


class RegistrationRefused(TrainingError):
    pass
