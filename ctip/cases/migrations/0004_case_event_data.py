"""Case events carry what happened as codes (CaseEvent.data). The notes written before, in the
language of whoever acted, are read back into data where they can be; a note that cannot be read
keeps its text and is shown as it was."""

import re

from django.conf import settings
from django.db import migrations, models
from django.utils import translation

ARROW = " → "
PERSON = re.compile(r"^P\d+$")
SCREENED = re.compile(r"^(?P<person>P\d+): (?P<outcome>.+) \((?P<n>\d+) / [^()]+\)$")
REFERRED = re.compile(r"^(?P<kind>.+?) → (?P<to>.+?)(?: \((?P<letter>[^()]*)\))?$")
DECISION = re.compile(r"^(?P<to>[^:]+): (?P<decision>.+)$")
SERVICE = re.compile(r"^(?P<service>.+?) \((?P<provider>.*)\)$")
PROGRESS = re.compile(r"^(?P<service>.+?): (?P<outcome>.+?)(?: \((?P<end>\d{4}-\d{2}-\d{2})\))?$")
CODE = re.compile(r"^[a-z][a-z0-9_]*$")

# Each kind of value named in the old notes -> the (model, field) whose choices name it.
CHOICE_FIELDS = {
    "channel": ("Case", "channel"),
    "closure_reason": ("Case", "closure_reason"),
    "referral_kind": ("Referral", "kind"),
    "decision": ("Referral", "decision"),
    "outcome": ("Screening", "outcome"),
    "service": ("Service", "type"),
    "service_outcome": ("Service", "outcome"),
}


def codes_by_label(apps) -> dict[str, dict[str, str]]:
    """For each kind of value, its label in every interface language -> its code (the labels of
    the models as this migration knows them, translated by the catalogues)."""
    found: dict[str, dict[str, str]] = {}
    for name, (model, field) in CHOICE_FIELDS.items():
        choices = apps.get_model("cases", model)._meta.get_field(field).choices
        found[name] = {}
        for lang, _name in settings.LANGUAGES:
            with translation.override(lang):
                found[name].update({translation.gettext(str(lbl)): c for c, lbl in choices})
    return found


def _screened(text: str, codes: dict) -> dict | None:
    found = SCREENED.match(text)
    outcome = found and codes["outcome"].get(found["outcome"])
    if not outcome:
        return None
    return {"person": found["person"], "outcome": outcome, "indicators": int(found["n"])}


def _details(text: str, codes: dict) -> dict | None:
    parts = [p for p in text.split(", ") if p]
    return {"exploitation": parts} if all(CODE.match(p) for p in parts) else None


def _transferred(text: str, codes: dict) -> dict | None:
    old, arrow, new = text.partition(ARROW)
    return {"from": old, "to": new} if arrow and old and new and ARROW not in new else None


def _referred(text: str, codes: dict) -> dict | None:
    found = REFERRED.match(text)
    kind = found and codes["referral_kind"].get(found["kind"])
    if not kind:
        return None
    return {"kind": kind, "to": found["to"], "letter": found["letter"] or ""}


def _decision(text: str, codes: dict) -> dict | None:
    found = DECISION.match(text)
    decision = found and codes["decision"].get(found["decision"])
    return {"to": found["to"], "decision": decision} if decision else None


def _service(text: str, codes: dict) -> dict | None:
    found = SERVICE.match(text)
    service = found and codes["service"].get(found["service"])
    return {"service": service, "provider": found["provider"]} if service else None


def _progress(text: str, codes: dict) -> dict | None:
    found = PROGRESS.match(text)
    service = found and codes["service"].get(found["service"])
    outcome = found and codes["service_outcome"].get(found["outcome"])
    if not (service and outcome):
        return None
    return {"service": service, "outcome": outcome, "end": found["end"] or ""}


def _labelled(kind: str, key: str):
    """A parser for a note that is one label of `kind`'s choices, stored under `key`."""

    def parse(text: str, codes: dict) -> dict | None:
        code = codes[kind].get(text)
        return {key: code} if code else None

    return parse


def _person(text: str, codes: dict) -> dict | None:
    return {"person": text} if PERSON.match(text) else None


def _anonymized(text: str, codes: dict) -> dict | None:
    return {"cause": "retention_ended"} if text == "retention period ended" else None


PARSERS = {
    "opened": _labelled("channel", "channel"),
    "person_added": _person,
    "person_updated": _person,
    "screened": _screened,
    "referred": _referred,
    "decision": _decision,
    "details": _details,
    "service": _service,
    "service_updated": _progress,
    "closed": _labelled("closure_reason", "reason"),
    "transferred": _transferred,
    "anonymized": _anonymized,
}


def event_data(kind: str, text: str, codes: dict[str, dict[str, str]]) -> dict:
    """The data an old event's note says, or {} when it cannot be read back."""
    parse = PARSERS.get(kind)
    return (parse((text or "").strip(), codes) or {}) if parse else {}


def fill_event_data(apps, schema_editor) -> None:
    """Give every event without data the data its note says, where the note can be read."""
    CaseEvent = apps.get_model("cases", "CaseEvent")
    codes = codes_by_label(apps)
    changed = []
    for event in CaseEvent.objects.only("id", "kind", "text", "data").iterator():
        data = {} if event.data else event_data(event.kind, event.text, codes)
        if data:
            event.data = data
            changed.append(event)
    CaseEvent.objects.bulk_update(changed, ["data"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0003_sec_scope_person_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="caseevent",
            name="data",
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(fill_event_data, migrations.RunPython.noop),
    ]
