"""The one exception the extraction package raises for bad input."""


class ExtractionError(Exception):
    """Bad or unreadable input: missing, empty, binary, encrypted, image-only, corrupt."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message
