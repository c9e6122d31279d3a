"""API authentication: bearer tokens and the browser session, both under the second-factor rule
of ctip.accounts.permissions (a role that sees personal data needs one on every request)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions

from .models import ApiToken
from .permissions import ENROL_SESSION_KEY, second_factor_passed


class BearerTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Bearer <token>`; tokens come from the account page or `ctip token create`."""

    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Invalid bearer header.")
        key = header[1].decode(errors="replace")
        now = timezone.now()
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=ApiToken.hash(key), revoked=False, expires__gt=now)
            .first()
        )
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed("Invalid, expired or revoked token.")
        if not second_factor_passed(token.user, token):
            raise exceptions.AuthenticationFailed(
                "This token was not issued after a second factor, which your role needs: "
                "make a new one on your account page."
            )
        ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return token.user, token

    def authenticate_header(self, request):
        return self.keyword


class VerifiedSessionAuthentication(authentication.SessionAuthentication):
    """The browser session (with CSRF), refused while its second factor is due."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        if not second_factor_passed(result[0]):
            raise exceptions.AuthenticationFailed(_("Pass the second factor first."))
        if request._request.session.get(ENROL_SESSION_KEY):
            raise exceptions.AuthenticationFailed(_("Add an authenticator app first."))
        return result
