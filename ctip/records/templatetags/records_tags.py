"""Template helpers for records: dates in the user's language and query strings."""

import datetime as dt

from django import template

from ctip.core import display

register = template.Library()


@register.filter
def az_date(value):
    """A date in the active language: official Azerbaijani style (ctip.azlang) in az, Django's
    format in en and ru (ctip.core.display); anything else as it is."""
    if not isinstance(value, dt.date):
        return value or ""
    return display.date(value)


@register.simple_tag(takes_context=True)
def page_query(context, page_number):
    """The current query string with `page` replaced."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return query.urlencode()
