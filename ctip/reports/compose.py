"""Compose a report as a pure-data document tree from the database.

The tree (`ReportDocument`) is what every renderer (HTML, DOCX, PDF) draws: a title page, one
section per sub-item with content (heading `4.1.6-cı yarımbənd üzrə (title):`), the narratives
split into paragraphs, and an optional statistics annex. Composing never writes anything.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import override, pgettext

from ctip.azlang.numerals import format_code, format_ordinal
from ctip.core.textclean import strip_control
from ctip.plan import selectors as plan_selectors
from ctip.plan.models import ActionPlan, Agency, ItemReport, PlanItem, ReportingPeriod

from .document import LANGS, Block, ReportDocument, Section, document_labels
from .stats import annex_tables

_PARA_SPLIT_RE = re.compile(r"\n[ \t\u00a0]*\n+")
_WS_RE = re.compile(r"\s+")


def _year(year: int, lang: str) -> str:
    """A year as it stands in a phrase: with its ordinal suffix in Azerbaijani ("2022-ci")."""
    return format_ordinal(year) if lang == "az" else str(year)


def heading_text(code: str, title: str, lang: str = "az") -> str:
    """The official sub-item heading in the report's language ("4.1.6-cı yarımbənd üzrə (…):")."""
    number = format_code(code) if lang == "az" else code  # "4.1.6-cı": the ordinal suffix
    with override(lang):
        # Translators: the official heading of a sub-item's section in a report; in Azerbaijani
        # %(code)s already carries its ordinal suffix ("4.1.6-cı").
        return _("Sub-item %(code)s (%(title)s):") % {"code": number, "title": title}


def period_label(period: ReportingPeriod, lang: str = "az") -> str:
    """The period in official style: "2022-ci il", "2022", "2022 год", or a half-year."""
    year = _year(period.year, lang)
    with override(lang):
        if period.half == 1:
            # Translators: in Azerbaijani %(year)s carries its ordinal suffix ("2022-ci").
            return _("First half of %(year)s") % {"year": year}
        if period.half == 2:
            return _("Second half of %(year)s") % {"year": year}
        # A whole year: "2022-ci il", "2022 год"; English has the bare year.
        return pgettext("a whole year as a reporting period", "%(year)s") % {"year": year}


def split_paragraphs(narrative: str) -> list[str]:
    """Paragraphs of a narrative (blank-line separated), each with its whitespace normalised."""
    out = []
    narrative = strip_control(narrative.replace("\r\n", "\n").replace("\r", "\n"))
    for chunk in _PARA_SPLIT_RE.split(narrative):
        text = _WS_RE.sub(" ", chunk).strip()
        if text:
            out.append(text)
    return out


def _localized(obj, stem: str, lang: str) -> str:
    return getattr(obj, f"{stem}_{lang}", "") or getattr(obj, f"{stem}_az")


def resolve(
    plan: str | ActionPlan, period: str | ReportingPeriod, agency: str | Agency | None
) -> tuple[ActionPlan, ReportingPeriod, Agency | None]:
    """Look up plan, period and agency by code; raises ValidationError with a one-line message."""
    if not isinstance(plan, ActionPlan):
        plan_obj = ActionPlan.objects.filter(code=plan).first()
        if plan_obj is None:
            raise ValidationError(f"unknown plan {plan!r}")
        plan = plan_obj
    if not isinstance(period, ReportingPeriod):
        period_obj = ReportingPeriod.objects.filter(plan=plan, code=str(period)).first()
        if period_obj is None:
            raise ValidationError(f"plan {plan.code} has no period {period!r}")
        period = period_obj
    if agency is not None and not isinstance(agency, Agency):
        agency_obj = plan_selectors.agency_named(agency)
        if agency_obj is None:
            raise ValidationError(f"unknown agency {agency!r}")
        agency = agency_obj
    return plan, period, agency


def compose_report(
    plan: str | ActionPlan,
    period: str | ReportingPeriod,
    agency: str | Agency | None = None,
    *,
    lang: str = "az",
    include_submitted: bool = False,
    annex: bool = True,
    user=None,
    progress: Callable[..., Iterable] | None = None,
) -> ReportDocument:
    """Build the document tree of one agency's report, or the consolidated national report.

    Only approved item reports go in, unless `include_submitted` (then submitted ones are added
    and marked as drafts under review). Sections follow the plan's order; agencies inside a
    consolidated section follow their abbreviation. `progress(rows, total=n)` wraps the rows
    as they are read (a tqdm bar, a job's progress).
    """
    if lang not in LANGS:
        raise ValidationError(f"unknown language {lang!r} (use one of {', '.join(LANGS)})")
    plan, period, agency = resolve(plan, period, agency)
    qs = _item_reports(plan, period, agency, include_submitted)
    rows = _report_rows(qs, lang)
    if progress:
        rows = progress(rows, total=qs.count())
    sections = _sections(rows, lang)
    doc = _document(plan, period, agency, lang, sections)
    if annex:
        doc.annex = annex_tables(plan, period, agency, lang=lang, sections=sections, user=user)
    return doc


def _item_reports(plan, period, agency, include_submitted: bool):
    """The item reports that go in: approved (and submitted, if asked), of one agency or all."""
    statuses = [ItemReport.Status.APPROVED]
    if include_submitted:
        statuses.append(ItemReport.Status.SUBMITTED)
    qs = ItemReport.objects.filter(item__plan=plan, period=period, status__in=statuses)
    if agency is not None:
        qs = qs.filter(agency=agency)
    return qs


def _report_rows(qs, lang: str) -> Iterable[tuple]:
    """The reports' text, item and agency in the plan's order, read in chunks."""
    rows = qs.order_by("item__sort_key", "agency__abbr").values_list(
        "id",
        "narrative",
        "status",
        "item__code",
        "item__title_az",
        f"item__title_{lang}",
        "agency__abbr",
        "agency__name_az",
        f"agency__name_{lang}",
    )
    return rows.iterator(chunk_size=2000)


def _sections(rows: Iterable[tuple], lang: str) -> list[Section]:
    """One section per sub-item with content, one block per agency's non-empty narrative."""
    sections: list[Section] = []
    current: Section | None = None
    for rid, narrative, status, code, t_az, t_lang, abbr, n_az, n_lang in rows:
        paragraphs = split_paragraphs(narrative)
        if not paragraphs:
            continue
        if current is None or current.code != code:
            title = _WS_RE.sub(" ", (t_lang or t_az)).strip()
            current = Section(
                code=code,
                title=title,
                heading=heading_text(code, title, lang),
                fallback=lang != "az" and not (t_lang or "").strip(),
            )
            sections.append(current)
        current.blocks.append(
            Block(
                agency_abbr=abbr,
                agency_name=n_lang or n_az,
                paragraphs=paragraphs,
                draft=status != ItemReport.Status.APPROVED,
                report_id=rid,
            )
        )
    return sections


def _document(plan, period, agency, lang: str, sections: list[Section]) -> ReportDocument:
    """The tree around the sections: title lines (agency or national, plan, period), labels."""
    labels = document_labels(lang)
    who = _localized(agency, "name", lang) if agency is not None else labels["national"]
    return ReportDocument(
        lang=lang,
        consolidated=agency is None,
        title_lines=[who, _WS_RE.sub(" ", plan.title).strip(), period_label(period, lang)],
        plan_code=plan.code,
        period_code=period.code,
        agency_abbr=agency.abbr if agency is not None else None,
        sections=sections,
        labels=labels,
    )


def item_title(item: PlanItem, lang: str) -> str:
    return _WS_RE.sub(" ", _localized(item, "title", lang)).strip()


def plain_text(doc: ReportDocument) -> str:
    """The report as plain text (title lines, headings, paragraphs): a baseline and a debug aid."""
    out = list(doc.title_lines)
    for s in doc.sections:
        out.append(f"{s.heading} {doc.labels['fallback']}" if s.fallback else s.heading)
        for b in s.blocks:
            if doc.consolidated:
                out.append(b.agency_name)
            if b.draft:
                out.append(doc.labels["draft"])
            out.extend(b.paragraphs)
    return "\n\n".join(out) + "\n"
