"""Sentences in the official style for records of the period that a narrative does not mention.

`suggest_sentences(item_report)` looks at the registry (letters, resolutions… from
ctip.records Document) and the activities (trainings, events, materials from ctip.records
Activity) of the report's agency, period and sub-item, drops those the narrative already
mentions (documents by number; activities by date and kind), and writes one sentence for each
of the rest. Nothing is written to the report: the focal point accepts or edits a sentence in
the editor (see templates/reports/_suggestions.html and static/reports/suggestions.js).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ctip.azlang import find_dates, lower
from ctip.azlang.dates import MONTHS
from ctip.azlang.numerals import format_ordinal
from ctip.plan.models import ItemReport
from ctip.records.models import Activity, Document

_WS_RE = re.compile(r"\s+")

# Stems that show the narrative speaks of an activity of that kind.
KIND_STEMS = {
    "training": ("təlim", "seminar", "kurs"),
    "meeting_event": ("tədbir", "görüş", "konfrans", "toplantı", "dəyirmi masa", "forum"),
    "visit_monitoring": ("monitorinq", "səfər", "reyd", "yoxlama"),
    "awareness_material": ("material", "buklet", "broşür", "kitabça", "vəsait", "video", "plakat"),
    "legal_drafting": ("layihə",),
    "international_cooperation": ("əməkdaşlıq", "görüş", "səfər"),
    "information_sent": ("məlumat",),
    "other": (),
}
DOC_KIND_WORD = {
    "decision": "qərar",
    "resolution": "dərkənar",
    "letter": "məktub",
    "order": "əmr",
    "decree": "fərman",
    "agreement": "saziş",
    "law": "qanun",
}


@dataclass(frozen=True, slots=True)
class Suggestion:
    text: str
    source_record: object  # a ctip.records Document or Activity

    @property
    def kind(self) -> str:
        return type(self.source_record).__name__.lower()


def official_date(d: dt.date) -> str:
    """'2022-ci il 5 mart' — the year-first form used before "tarixli"/"tarixdə"."""
    return f"{format_ordinal(d.year)} il {d.day} {MONTHS[d.month - 1]}"


def official_range(a: dt.date, b: dt.date | None) -> tuple[str, bool]:
    """('2022-ci il 5-9 sentyabr', True) for a range, (official_date(a), False) for one day."""
    if b is None or b == a:
        return official_date(a), False
    if a.year != b.year:
        return f"{official_date(a)}-{official_date(b)}", True
    if a.month != b.month:
        return (
            f"{format_ordinal(a.year)} il {a.day} {MONTHS[a.month - 1]}-{b.day} "
            f"{MONTHS[b.month - 1]}"
        ), True
    return f"{format_ordinal(a.year)} il {a.day}-{b.day} {MONTHS[a.month - 1]}", True


def _norm(text: str) -> str:
    return _WS_RE.sub(" ", lower(text or ""))


def _mentions_number(narrative: str, number: str) -> bool:
    """Does the narrative cite this document number ("02/416", "02 / 416"), as a whole token?"""
    number = _WS_RE.sub(" ", number or "").strip()
    if not number:
        return False
    parts = [re.escape(p.strip()) for p in number.split("/")]
    pattern = r"(?<![\w/])" + r"\s*/\s*".join(parts) + r"(?![\w/])"
    return re.search(pattern, narrative, flags=re.IGNORECASE) is not None


def _narrative_dates(narrative: str, year: int) -> set[dt.date]:
    found: set[dt.date] = set()
    for m in find_dates(narrative, default_year=year):
        found.update(d for d in (m.start, m.end) if isinstance(d, dt.date))
    return found


def _quoted(title: str) -> str:
    title = _WS_RE.sub(" ", title or "").strip().strip('“”"«»')
    return f"“{title}”"


def document_sentence(doc) -> str:
    """One sentence for a registered document."""
    date = official_date(doc.date)
    number = doc.number
    subject = _WS_RE.sub(" ", doc.subject or "").strip().rstrip(".")
    about = f"{_quoted(subject)} mövzusunda " if subject else ""
    recipients = ", ".join(
        [a.name_az for a in doc.recipients.all()]
        + ([doc.recipient_names] if doc.recipient_names else [])
    )
    issuer = doc.issuer.name_az if doc.issuer_id else doc.issuer_name
    if doc.kind == "letter":
        if doc.direction == "incoming":
            who = f"{issuer} tərəfindən " if issuer else ""
            return f"{who}{date} tarixli {number} nömrəli məktubla {about}müraciət daxil olmuşdur."
        to = f" {recipients} ünvanına" if recipients else ""
        return f"{date} tarixli {number} nömrəli məktubla {about}məlumat{to} ünvanlanmışdır."
    word = DOC_KIND_WORD.get(doc.kind, "sənəd")
    by = f" ({issuer})" if issuer else ""
    return f"{date} tarixli {number} nömrəli {word}{by} ilə {about}müvafiq tədbirlər görülmüşdür."


def activity_sentence(act) -> str:
    """One sentence for an activity (training, event, material…)."""
    when, is_range = official_range(act.start, act.end)
    at = f"{when} tarixlərində" if is_range else f"{when} tarixdə"
    title = _quoted(act.title)
    place = f" {act.place}" if act.place else ""
    if act.kind == "training":
        n = act.number_trained or act.people_reached
        if n is None:
            n = sum(p.total for p in act.participations.all()) or None
        tail = f"də {n} əməkdaş iştirak etmişdir." if n else " keçirilmişdir."
        return (
            f"{at}{place} keçirilmiş {title} mövzusunda təlim{tail}"
            if n
            else f"{at}{place} {title} mövzusunda təlim keçirilmişdir."
        )
    if act.kind == "awareness_material":
        name = _quoted(act.material_title or act.title)
        copies = act.copies_distributed or act.copies_printed
        spread = f" və {copies} nüsxədə yayılmışdır." if copies else "dır."
        return f"Hesabat dövründə {name} adlı maarifləndirici material hazırlanmış{spread}"
    if act.kind in ("meeting_event", "international_cooperation"):
        n = act.people_reached
        tail = f", tədbirdə {n} nəfər iştirak etmişdir." if n else "."
        return f"{at}{place} {title} mövzusunda tədbir keçirilmiş{'dir' if not n else ''}{tail}"
    if act.kind == "visit_monitoring":
        return f"{at}{place} {title} həyata keçirilmişdir."
    return f"{at} {title} üzrə iş görülmüşdür."


def _activity_mentioned(act, narrative_norm: str, dates: set[dt.date]) -> bool:
    if act.start not in dates and (act.end is None or act.end not in dates):
        return False
    stems = KIND_STEMS.get(act.kind, ())
    return not stems or any(stem in narrative_norm for stem in stems)


def suggest_sentences(report: ItemReport) -> list[Suggestion]:
    """Suggested sentences for the records of `report`'s period, sub-item and agency that its
    narrative does not mention yet, oldest first. Reads only; never changes the report."""
    period = report.period
    narrative = report.narrative or ""
    narrative_norm = _norm(narrative)
    docs = (
        Document.objects.filter(
            agency_id=report.agency_id, date__gte=period.start, date__lte=period.end
        )
        .filter(plan_items=report.item_id)
        .select_related("issuer")
        .prefetch_related("recipients")
        .distinct()
        .order_by("date", "number")
    )
    out: list[tuple[dt.date, Suggestion]] = []
    for d in docs:
        if not _mentions_number(narrative, d.number):
            out.append((d.date, Suggestion(document_sentence(d), d)))
    acts = list(
        Activity.objects.filter(
            agency_id=report.agency_id,
            start__gte=period.start,
            start__lte=period.end,
            plan_items=report.item_id,
        )
        .prefetch_related("participations")
        .distinct()
        .order_by("start", "id")
    )
    if acts:
        dates = _narrative_dates(narrative, period.year)
        for a in acts:
            if not _activity_mentioned(a, narrative_norm, dates):
                out.append((a.start, Suggestion(activity_sentence(a), a)))
    out.sort(key=lambda pair: pair[0])
    return [s for _, s in out]
