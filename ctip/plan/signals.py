"""Signals other apps listen to, so that plan never imports the apps built on top of it."""

from django.dispatch import Signal

# Sent inside the import's transaction for every item report an import created or updated
# (kwargs: actor, report). A receiver that raises rolls the whole import back.
report_imported = Signal()
