"""The `ctip` command: Django's manage.py with ctip's settings.

Before a command that can touch stored data runs, the installation's keys are checked (and made
for a new installation): a missing or unreadable key stops it with one line (ctip.core.keys).
"""

import os
import sys

from ctip.audit.context import running_command

# Commands that work without the keys: help, checks, translations, static files, reading a file,
# and `keys generate` (which makes them).
NO_KEYS_NEEDED = {
    "help",
    "version",
    "--version",
    "--help",
    "-h",
    "check",
    "makemigrations",
    "makemessages",
    "compilemessages",
    "collectstatic",
    "extract",
    "spectacular",
}


def needs_keys(argv: list[str]) -> bool:
    args = argv[1:]
    if not args or args[0] in NO_KEYS_NEEDED:
        return False
    return args[:2] != ["keys", "generate"]


def check_keys() -> None:
    """Stop with the key problem's one line and exit status 2."""
    # Imported only for commands that need the keys: `ctip help` and friends stay light.
    import django

    from ctip.core import keys

    django.setup()
    try:
        keys.ensure_all()
    except keys.KeyConfigError as exc:
        sys.stderr.write(f"ctip: {exc}\n")
        sys.exit(2)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
    from django.core.management import execute_from_command_line  # once settings are named

    argv = list(sys.argv if argv is None else argv)
    argv[0] = "ctip"
    if needs_keys(argv):
        check_keys()
    with running_command(" ".join(["ctip", *argv[1:2]])):
        execute_from_command_line(argv)


if __name__ == "__main__":
    main()
