"""Path converters for the public URLs: anything that is not a code, a reference or a token
is a 404 before it reaches a view (a NUL byte in a path used to reach PostgreSQL)."""


class MunicipalityCodeConverter:
    regex = "[A-Za-z]{2,8}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


class ReferenceConverter:
    """``IST-2026-00042``; lower case is accepted (people type it) and read as upper case."""

    regex = "[A-Za-z]{2,8}-[0-9]{4}-[0-9]{1,9}"

    def to_python(self, value: str) -> str:
        return value.upper()

    def to_url(self, value: str) -> str:
        return value


class TrackingTokenConverter:
    """URL-safe characters only (base64url, or a code grouped with hyphens)."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
