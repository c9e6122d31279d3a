"""OpenAPI description of ctip's bearer tokens and session (drf-spectacular extensions; imported
by api modules)."""

from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "ctip.accounts.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from the account page (/accounts/) or `ctip token create "
            "USERNAME`; it expires. Roles that see personal data need one made after the "
            "second factor.",
        }


class VerifiedSessionScheme(SessionScheme):
    """The browser session, once the second factor is passed where due."""

    target_class = "ctip.accounts.authentication.VerifiedSessionAuthentication"
