"""Path converters shared by every app."""


class UrlSafeConverter:
    """Base64url and token characters: what Django's password reset links carry."""

    regex = "[A-Za-z0-9_-]{1,200}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
