"""Template helpers for records: query strings (dates: the `az_date` filter of core's `display`)."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context, page_number):
    """The current query string with `page` replaced."""
    query = context["request"].GET.copy()
    query["page"] = page_number
    return query.urlencode()
