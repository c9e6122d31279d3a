"""`{% spreadsheet_links %}`: download the table on this page, with its filters, as XLSX or CSV."""

from django import template

register = template.Library()


@register.inclusion_tag("core/_spreadsheet_links.html", takes_context=True)
def spreadsheet_links(context, **extra):
    query = context["request"].GET.copy()
    query.pop("page", None)
    for key, value in extra.items():
        query[key] = value
    links = []
    for fmt in ("xlsx", "csv"):
        query["format"] = fmt
        links.append((fmt.upper(), "?" + query.urlencode()))
    return {"links": links}
