import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")
application = get_wsgi_application()
# The ~100,000 objects loaded at start-up live as long as the process: move them out of the
# collector's reach so a full collection during a request stays short.
gc.freeze()
