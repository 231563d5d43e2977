"""The domain error every service raises; views and the API turn it into a form error or a 4xx."""


class ServiceError(Exception):
    """A refusal with a Persian message meant for the user, never a 500."""

    status = 400

    def __init__(self, message: str, *, status: int | None = None):
        super().__init__(message)
        self.message = message
        if status is not None:
            self.status = status

    def __str__(self) -> str:
        return self.message


class ConflictError(ServiceError):
    """Somebody else acted on the same record first."""

    status = 409


class NotFoundError(ServiceError):
    status = 404
