"""One display layer: every stored code shown as words in the user's language.

Enumerations come from the models' choices (their labels are in the translation catalogues),
countries from ctip.reference, dates in the official Azerbaijani style (ctip.azlang) in az and in
Django's format of the active language otherwise. Templates reach these through
`{% load display %}` (ctip/core/templatetags/display.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from functools import cache, lru_cache
from importlib import import_module

from django.utils import formats, timezone
from django.utils.translation import get_language, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _

from ctip import azlang
from ctip.reference import country_by_code

# name -> the TextChoices class whose labels name that kind of value.
CHOICES = {
    "case_status": "ctip.cases.models.Case.Status",
    "intake_status": "ctip.cases.models.Intake.Status",
    "channel": "ctip.cases.models.Channel",
    "language": "ctip.cases.models.Language",
    "sex": "ctip.cases.models.Sex",
    "trafficking_status": "ctip.cases.models.TraffickingStatus",
    "exploitation": "ctip.cases.models.Exploitation",
    "control_method": "ctip.cases.models.ControlMethod",
    "recruiter_relation": "ctip.cases.models.RecruiterRelation",
    "service_type": "ctip.cases.models.ServiceType",
    "screening_outcome": "ctip.cases.models.Screening.Outcome",
    "referral_kind": "ctip.cases.models.Referral.Kind",
    "referral_decision": "ctip.cases.models.Referral.Decision",
    "service_outcome": "ctip.cases.models.Service.Outcome",
    "closure_reason": "ctip.cases.models.Case.ClosureReason",
    "document_kind": "ctip.records.models.Document.Kind",
    "document_direction": "ctip.records.models.Document.Direction",
    "activity_kind": "ctip.records.models.Activity.Kind",
    "activity_channel": "ctip.records.models.Activity.Channel",
    "recommendation_status": "ctip.records.models.Recommendation.Status",
    "recommendation_source": "ctip.records.models.Recommendation.Source",
    "recommendation_priority": "ctip.records.models.Recommendation.Priority",
    "report_status": "ctip.plan.models.ItemReport.Status",
}

# Languages an activity's material may be in (records.forms.LANGUAGE_CHOICES), by name.
LANGUAGE_NAMES = {
    "az": _("Azerbaijani"),
    "ru": _("Russian"),
    "en": _("English"),
    "fa": _("Persian"),
    "ar": _("Arabic"),
    "tr": _("Turkish"),
    "ka": _("Georgian"),
    "uz": _("Uzbek"),
    "tk": _("Turkmen"),
    "hi": _("Hindi"),
    "ur": _("Urdu"),
    "zh": _("Chinese"),
    "other": _("Other"),
}

# What happened on a case (CaseEvent.kind), as a verb phrase.
EVENT_VERBS = {
    "opened": _("case opened"),
    "person_added": _("person added"),
    "person_updated": _("personal data changed"),
    "screened": _("person screened"),
    "referred": _("referred"),
    "decision": _("decision received"),
    "details": _("exploitation and control recorded"),
    "service": _("service started"),
    "service_updated": _("service updated"),
    "closed": _("case closed"),
    "transferred": _("case handed over"),
    "anonymized": _("personal data anonymised"),
}

# Audit actions (AuditEntry.action) in words.
AUDIT_ACTIONS = {
    "cases.case.anonymize": _("Case anonymised"),
    "cases.case.close": _("Case closed"),
    "cases.case.decision": _("Referral decision recorded"),
    "cases.case.details": _("Exploitation and control recorded"),
    "cases.case.open": _("Case opened"),
    "cases.case.refer": _("Case referred"),
    "cases.case.service": _("Service added"),
    "cases.case.service.update": _("Service updated"),
    "cases.case.transfer": _("Case handed over"),
    "cases.intake.anonymize": _("Intake anonymised"),
    "cases.intake.close": _("Intake closed without a case"),
    "cases.intake.create": _("Intake registered"),
    "cases.intake.view": _("Intake summary viewed"),
    "cases.keys.rotate": _("Encryption keys rotated"),
    "cases.person.create": _("Person added"),
    "cases.person.screen": _("Person screened"),
    "cases.person.search": _("Persons searched by name"),
    "cases.person.update": _("Personal data changed"),
    "cases.person.view": _("Personal data viewed"),
}

# Object types named in audit entries.
OBJECT_TYPES = {
    "cases.case": _("case"),
    "cases.intake": _("intake"),
    "cases.person": _("person"),
    "cases.referral": _("referral"),
    "cases.service": _("service"),
}

# Groups of identification indicators (ctip/reference/indicators/*.json "group").
INDICATOR_GROUPS = {
    "forced_labour": _("Forced labour"),
    "sexual_exploitation": _("Sexual exploitation"),
    "forced_begging": _("Forced begging"),
    "child_trafficking": _("Trafficking in children"),
}

# Texts the system itself wrote (purposes, event notes) that have a translation.
SYSTEM_TEXTS = {
    "demo data": _("demo data"),
    "registering an intake": _("registering an intake"),
    "retention period ended": _("retention period ended"),
    "triage of the intake": _("triage of the intake"),
}


@cache
def _choices(kind: str) -> dict[str, object]:
    """{value: lazy label} of a choices class named by its dotted path (nested classes too)."""
    module, _dot, path = CHOICES[kind].partition(".models.")
    found = import_module(module + ".models")
    for attr in path.split("."):
        found = getattr(found, attr)
    return dict(found.choices)


def label(value, kind: str) -> str:
    """The translated label of a stored choice; "—" for nothing, the value if unknown."""
    if value is None or value == "":
        return "—"
    found = _choices(kind).get(str(value))
    if found is None and value == "unknown":
        return gettext("Unknown")
    return str(found) if found is not None else str(value)


def labels(values, kind: str) -> str:
    """A list of stored choices as translated labels, joined with commas; "—" for none."""
    if not values:
        return "—"
    return ", ".join(label(v, kind) for v in values)


def _lang() -> str:
    return (get_language() or "az")[:2]


def country(code) -> str:
    """A country's name in the active language from its ISO code; "—" for none."""
    if not code:
        return "—"
    if str(code) == "unknown":
        return gettext("Unknown")
    entry = country_by_code().get(str(code).upper())
    if entry is None:
        return str(code)
    return entry.get(f"name_{_lang()}") or entry["name_en"]


def country_choices() -> list[tuple[str, str]]:
    """(code, name) of every country, sorted by the name in the active language."""
    lang = _lang()
    rows = [(c["code"], c.get(f"name_{lang}") or c["name_en"]) for c in country_by_code().values()]
    return sorted(rows, key=lambda r: azlang.search_key(r[1]) if lang == "az" else r[1].lower())


def agency(body) -> str:
    """A body by its full name in the active language with its abbreviation: "Dövlət Miqrasiya
    Xidməti (DMX)"; the abbreviation alone when no other name is known; "—" for none."""
    if body is None:
        return "—"
    name, abbr = (getattr(body, "name", "") or "").strip(), body.abbr
    return f"{name} ({abbr})" if name and name != abbr else abbr


def agency_sort_key(text: str) -> str:
    """The order of bodies by name in the active language (Azerbaijani letters in their place)."""
    return _name_key(text) if _lang() == "az" else text.casefold()


# Bodies' names are few and long (azlang caches only short texts): every select of bodies on a
# page sorted them again, 500 keys for the activity form.
_name_key = lru_cache(maxsize=4096)(azlang.search_key)


def item_title(item) -> str:
    """A plan item's title in the active language; for one made by a report import that names
    no title (a section "4.2" opened for its sub-items) a placeholder saying so, never the code
    again as if it were the title."""
    title = (item.title or "").strip()
    if not title or title == item.code:
        return gettext("(no title yet: load the plan's document)")
    return title


def language_name(code) -> str:
    if not code:
        return "—"
    name = LANGUAGE_NAMES.get(str(code))
    return str(name) if name is not None else str(code)


def age_band(band) -> str:
    """A CTDC age band key ("9--17", "48+", "unknown") as words."""
    band = str(band or "unknown")
    if band == "unknown":
        return gettext("Unknown")
    if band.endswith("+"):
        return gettext("%(age)s and over") % {"age": band[:-1]}
    return band.replace("--", "–")


def date(value) -> str:
    """A date (or the date of a datetime) in the active language; "" for nothing."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, dt.date):
        return str(value)
    if _lang() == "az":
        return azlang.format_date(value)
    return formats.date_format(value, "DATE_FORMAT")


def moment(value) -> str:
    """A moment with its local time in the active language."""
    if value is None or value == "":
        return ""
    if not isinstance(value, dt.datetime):
        return date(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{date(local.date())}, {local:%H:%M}"


def month(value) -> str:
    """A "YYYY-MM" key or a date as month and year in the active language."""
    if isinstance(value, str) and len(value) == 7 and value[4] == "-":
        value = dt.date(int(value[:4]), int(value[5:]), 1)
    if not isinstance(value, dt.date):
        return str(value)
    if _lang() == "az":
        return f"{azlang.MONTHS[value.month - 1]} {value.year}"
    return formats.date_format(value, "YEAR_MONTH_FORMAT")


def number(value) -> str:
    """A number grouped the way the active language writes it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    return formats.number_format(value, use_l10n=True, force_grouping=True)


def quantity(value) -> str:
    """An amount (a stored Decimal with two places, a percentage) as the active language writes
    it: whole ones, as counts of people always are, without decimals ("30", not "30,00"), others
    without trailing zeros ("12,5"); "—" for nothing."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        return value
    if isinstance(value, Decimal | float) and value == int(value):
        value = int(value)
    elif isinstance(value, Decimal):
        value = value.normalize()
    return number(value)


def indicator_group(group) -> str:
    found = INDICATOR_GROUPS.get(str(group or ""))
    return str(found) if found is not None else (str(group) if group else gettext("Other"))


def event_verb(kind) -> str:
    verb = EVENT_VERBS.get(str(kind))
    return str(verb) if verb is not None else str(kind)


def event_text(event) -> str:
    """What a case event says, in the active language: from its data (codes and numbers) when it
    has any, else the note an older row was written with."""
    data = getattr(event, "data", None) or {}
    render = EVENT_TEXTS.get(str(event.kind))
    if not data or render is None:
        return system_text(event.text)
    return render(data)


def _screened_text(data: dict) -> str:
    n = int(data.get("indicators") or 0)
    observed = ngettext("%(n)s indicator observed", "%(n)s indicators observed", n) % {"n": n}
    return (
        f"{data.get('person', '')}: {label(data.get('outcome'), 'screening_outcome')} ({observed})"
    )


def _referred_text(data: dict) -> str:
    letter = data.get("letter")
    return f"{label(data.get('kind'), 'referral_kind')} → {data.get('to', '')}" + (
        f" ({letter})" if letter else ""
    )


def _service_updated_text(data: dict) -> str:
    end = data.get("end")
    service = label(data.get("service"), "service_type")
    outcome = label(data.get("outcome"), "service_outcome")
    return f"{service}: {outcome}" + (f" ({date(end)})" if end else "")


# Each kind of case event (CaseEvent.kind) -> its data in words.
EVENT_TEXTS: dict[str, Callable[[dict], str]] = {
    "opened": lambda d: label(d.get("channel"), "channel"),
    "person_added": lambda d: str(d.get("person", "")),
    "person_updated": lambda d: str(d.get("person", "")),
    "screened": _screened_text,
    "referred": _referred_text,
    "decision": lambda d: f"{d.get('to', '')}: {label(d.get('decision'), 'referral_decision')}",
    "details": lambda d: labels(d.get("exploitation"), "exploitation"),
    "service": lambda d: f"{label(d.get('service'), 'service_type')} ({d.get('provider', '')})",
    "service_updated": _service_updated_text,
    "closed": lambda d: label(d.get("reason"), "closure_reason"),
    "transferred": lambda d: f"{d.get('from', '')} → {d.get('to', '')}",
    "anonymized": lambda d: system_text("retention period ended"),
}


def audit_action(action) -> str:
    found = AUDIT_ACTIONS.get(str(action))
    return str(found) if found is not None else str(action)


def object_type(name) -> str:
    found = OBJECT_TYPES.get(str(name))
    return str(found) if found is not None else str(name)


def system_text(text) -> str:
    if text is None:
        return ""
    found = SYSTEM_TEXTS.get(str(text))
    return str(found) if found is not None else str(text)


def actor(user) -> str:
    """Who acted: the username, or "the system" for an operator's command or a job."""
    name = user if isinstance(user, str) else getattr(user, "username", None)
    return name or pgettext("actor", "system")


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
        return label(key, kinds[table])
    if table == "by_citizenship":
        return country(key)
    if table == "by_age_group":
        return age_band(key)
    if table == "by_month":
        return month(key)
    return str(key)
