"""Per-user request rates: a token's requests count for its owner, like their browser's."""

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class ApiUserThrottle(UserRateThrottle):
    scope = "api_user"


class ApiAnonThrottle(AnonRateThrottle):
    scope = "api_anon"
