"""Template helpers for records: Azerbaijani dates and query strings."""

import datetime as dt

from django import template

from ctip.azlang import format_date

register = template.Library()


@register.filter
def az_date(value):
    """A date in the official Azerbaijani style (ctip.azlang); anything else as it is."""
    if not isinstance(value, dt.date):
        return value or ""
    return format_date(value)


@register.simple_tag(takes_context=True)
def page_query(context, page_number):
    """The current query string with `page` replaced."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return query.urlencode()
