"""`{% load display %}`: the filters of ctip.core.display, for every template."""

from django import template

from ctip.core import display

register = template.Library()

register.filter("label", display.label)
register.filter("labels", display.labels)
register.filter("country", display.country)
register.filter("language_name", display.language_name)
register.filter("age_band", display.age_band)
register.filter("ui_date", display.date)
register.filter("ui_datetime", display.moment)
register.filter("ui_month", display.month)
register.filter("ui_number", display.number)
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


@register.filter
def stat_label(key, table: str) -> str:
    """A key of a case-figures table (cases.selectors.TABLES) as words."""
    kinds = {
        "by_channel": "channel",
        "by_status": "case_status",
        "by_sex": "sex",
        "by_exploitation": "exploitation",
        "by_referral_outcome": "referral_decision",
        "by_trafficking_status": "trafficking_status",
    }
    if table in kinds:
        return display.label(key, kinds[table])
    if table == "by_citizenship":
        return display.country(key)
    if table == "by_age_group":
        return display.age_band(key)
    if table == "by_month":
        return display.month(key)
    return str(key)
