"""`ctip token create USERNAME [--days N]`: an operator issues an API bearer token, printed once.

The operator vouches for the token: it counts as the user's second factor, which is why the
command says so and the audit log records it (actor "system", via "command").
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError

from ctip.accounts.models import User
from ctip.accounts.permissions import needs_second_factor
from ctip.accounts.services import issue_token_by_operator


class Command(BaseCommand):
    help = (
        "Manage API tokens. `create USERNAME` prints a new token (shown only once); it expires "
        "after CTIP_TOKEN_DAYS days (or --days) and is recorded in the audit log."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="issue a new token for a user")
        create.add_argument("username")
        create.add_argument("--days", type=int, default=None, help="lifetime in days")

    def handle(self, *args, **opts):
        days = opts.get("days") or settings.CTIP_TOKEN_DAYS
        if days < 1 or days > 366:
            raise CommandError("--days must be between 1 and 366", returncode=2)
        user = User.objects.filter(username=opts["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {opts['username']!r}.", returncode=2)
        try:
            token, key = issue_token_by_operator(user, days=days)
        except PermissionDenied as exc:
            raise CommandError(str(exc), returncode=2) from None
        note = (
            f"{user.username}'s role needs a second factor: this token stands in for it, "
            "on your word as the operator. "
            if needs_second_factor(user)
            else "This token needs no second factor for this role (none is due). "
        )
        self.stderr.write(
            note + f"It expires {token.expires:%Y-%m-%d %H:%M %Z}; the audit log records that "
            "you issued it. The owner can revoke it on their account page."
        )
        self.stdout.write(key)
