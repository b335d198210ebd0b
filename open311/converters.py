"""Path converters of the Open311 URLs: a format, and the ids the spec puts in paths (service
codes, references, tokens). Looser than the citizen pages' on purpose: a malformed id still
reaches the view and gets the spec's 404 error array rather than an HTML page."""


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class IdentifierConverter:
    """A service code, a service_request_id (a reference) or a token."""

    regex = "[A-Za-z0-9_-]{1,64}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
