"""Signals other apps listen to, so that plan never imports the apps built on top of it."""

from django.dispatch import Signal

# Sent inside the import's transaction for every item report an import created or updated
# (kwargs: actor, report). A receiver that raises rolls the whole import back.
report_imported = Signal()

# Sent to find where a narrative names a person ctip knows of (kwargs: text); each receiver
# returns a list of (start, end) spans. ctip.cases answers from its blind index of names.
personal_names = Signal()

# Sent to ask for suggested values of an indicator for one period (kwargs: indicator, period,
# agency — None for all agencies; user — who asks, None for the system). A receiver returns a
# list of {"key", "value", "note"}: `key` names the suggestion stably, `note` says where the
# figure comes from. Nothing is saved.
indicator_suggestions = Signal()
