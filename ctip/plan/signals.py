"""Signals other apps listen to, so that plan never imports the apps built on top of it."""

from django.dispatch import Signal

# Sent inside the import's transaction for every item report an import created or updated
# (kwargs: actor, report). A receiver that raises rolls the whole import back.
report_imported = Signal()

# Sent to find where a narrative names a person ctip knows of (kwargs: text); each receiver
# returns a list of (start, end) spans. ctip.cases answers from its blind index of names.
personal_names = Signal()
