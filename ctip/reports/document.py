"""The report as a pure-data tree: what every renderer (HTML, DOCX, PDF) draws.

`compose.py` fills it from the database, `stats.py` adds the annex's tables; neither is needed to
read it. The document's own labels are here too, in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import override

LANGS = ("az", "en", "ru")


def document_labels(lang: str) -> dict[str, str]:
    """The document's own labels, in the report's language (not the interface's: the document
    reads the same whoever generates it)."""
    with override(lang):
        return {
            "national": _("National report"),
            "annex": _("Statistical annex"),
            "draft": _("Draft — under review (not yet approved)"),
            "no_content": _("There are no approved reports for this period."),
            # after a sub-item's heading whose title has no translation in the report's language
            "fallback": _("(title in Azerbaijani: not translated yet)"),
        }


@dataclass(slots=True)
class Block:
    """One agency's narrative under a sub-item."""

    agency_abbr: str
    agency_name: str
    paragraphs: list[str]
    draft: bool = False
    report_id: int | None = None


@dataclass(slots=True)
class Section:
    code: str
    title: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    fallback: bool = False  # the title is the Azerbaijani one: none in the report's language


@dataclass(slots=True)
class Chart:
    labels: list[str]
    values: list[float]
    svg: str | None = None  # inline SVG for HTML/PDF when ctip.core.charts made one


@dataclass(slots=True)
class StatTable:
    title: str
    columns: list[str]
    rows: list[list[str]]
    chart: Chart | None = None


@dataclass(slots=True)
class ReportDocument:
    lang: str
    consolidated: bool
    title_lines: list[str]  # agency (or "Milli hesabat"), plan title, period
    plan_code: str
    period_code: str
    agency_abbr: str | None
    sections: list[Section]
    annex: list[StatTable] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # document_labels(lang) when not given

    def __post_init__(self) -> None:
        if not self.labels:
            self.labels = document_labels(self.lang)

    @property
    def file_stem(self) -> str:
        who = self.agency_abbr or "national"
        return f"{self.plan_code}_{self.period_code}_{who}_{self.lang}"

    def paragraph_count(self) -> int:
        return sum(len(b.paragraphs) for s in self.sections for b in s.blocks)
