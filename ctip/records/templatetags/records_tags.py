"""Template helpers for records: Azerbaijani dates and query strings."""

import datetime as dt

from django import template

register = template.Library()


@register.filter
def az_date(value):
    """A date in the official Azerbaijani style via ctip.azlang, ISO if the core is absent."""
    if not isinstance(value, dt.date):
        return value or ""
    try:
        from ctip.azlang import format_date
    except ImportError:
        return value.isoformat()
    try:
        return format_date(value)
    except Exception:  # noqa: BLE001 - never break a page on a formatting problem
        return value.isoformat()


@register.simple_tag(takes_context=True)
def page_query(context, page_number):
    """The current query string with `page` replaced."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return query.urlencode()
