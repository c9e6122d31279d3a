"""The WSGI application (gunicorn through `ctip serve`, or any WSGI server).

The keys are checked before the first request: a missing or unreadable key stops the worker with
one line (ctip.core.keys) instead of answering with errors."""

import os
import sys

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
application = get_wsgi_application()

from ctip.core import heap, keys  # noqa: E402 - needs the apps loaded by get_wsgi_application

try:
    keys.ensure_all()
except keys.KeyConfigError as exc:
    sys.stderr.write(f"ctip: {exc}\n")
    sys.exit(2)
finally:
    from django.db import connections

    connections.close_all()
heap.settle()  # the collector tuned for requests, start-up's objects out of its reach
