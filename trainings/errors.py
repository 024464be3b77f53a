"""Domain errors of trainings: each carries the French message shown to the person."""


class TrainingError(Exception):
    """A rule of the trainings was broken; str(error) is the message for the person."""


class RegistrationRefused(TrainingError):
    pass


class NotAllowed(TrainingError):
    pass
