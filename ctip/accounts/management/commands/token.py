"""`ctip token create USERNAME`: issue an API bearer token and print it once."""

from django.core.management.base import BaseCommand, CommandError

from ctip.accounts.models import ApiToken, User
from ctip.audit.services import record


class Command(BaseCommand):
    help = "Manage API tokens. `create USERNAME` prints a new token (shown only once)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="issue a new token for a user")
        create.add_argument("username")

    def handle(self, *args, **opts):
        user = User.objects.filter(username=opts["username"], is_active=True).first()
        if user is None:
            raise CommandError(f"No active user named {opts['username']!r}.", returncode=2)
        token, key = ApiToken.issue(user)
        record(
            None,
            "accounts.token.created",
            token,
            purpose="API token issued from the command line",
            user=user.username,
            prefix=token.prefix,
        )
        self.stdout.write(key)
