from django.urls import path, register_converter

from api.views import tokens


class TokenKeyConverter:
    """A token's public prefix (knox's token_key): what the page shows to tell tokens apart."""

    regex = "[A-Za-z0-9_]{1,25}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(TokenKeyConverter, "token_key")

app_name = "api_tokens"

urlpatterns = [
    path("", tokens.tokens, name="list"),
    path("<token_key:key>/revoke/", tokens.revoke, name="revoke"),
]
