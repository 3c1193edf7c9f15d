class DomainError(Exception):
    """A business rule refused an operation. `message` is user-facing (translated) text."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message
