"""`{% load display %}`: the filters of ctip.core.display, for every template."""

from django import template

from ctip.core import display

register = template.Library()

register.filter("label", display.label)
register.filter("labels", display.labels)
register.filter("country", display.country)
register.filter("agency", display.agency)
register.filter("item_title", display.item_title)
register.filter("language_name", display.language_name)
register.filter("age_band", display.age_band)
register.filter("ui_date", display.date)
register.filter("az_date", display.date)  # the interface date: official Azerbaijani in az
register.filter("ui_datetime", display.moment)
register.filter("ui_month", display.month)
register.filter("ui_number", display.number)
register.filter("ui_quantity", display.quantity)
register.filter("event_verb", display.event_verb)
register.filter("event_text", display.event_text)
register.filter("audit_action", display.audit_action)
register.filter("object_type", display.object_type)
register.filter("system_text", display.system_text)
register.filter("actor", display.actor)


@register.filter
def language_names(codes) -> str:
    """A list of language codes as names, joined with commas."""
    return ", ".join(display.language_name(c) for c in codes or []) or "—"


register.filter("stat_label", display.stat_label)
