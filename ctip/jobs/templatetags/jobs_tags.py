"""Template helpers for jobs: texts stored untranslated, shown in the reader's language."""

from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def job_text(value):
    """A stored message or error in the reader's language (already translated text stays)."""
    return gettext(value) if value else ""
