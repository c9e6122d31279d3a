"""What an import did, in the active language: the summary the command prints, the preview shows
and the bulk import's table counts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ..models import Fact
from .labels import fact_type_label, import_outcome_labels, status_label


@dataclass
class ImportSummary:
    plan: str
    agency: str
    period: str
    status: str
    dry_run: bool = False
    plan_created: bool = False
    period_created: bool = False
    items: Counter = field(default_factory=Counter)
    reports: Counter = field(default_factory=Counter)
    facts: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    parents_created: int = 0
    changes: list[dict] = field(default_factory=list)
    found: int = 0  # sections with a code or a title
    matched: int = 0  # of them, matched to the plan's catalogue (by code or by title)
    flagged: int = 0  # of them, left for a person: no sure match in the catalogue

    def lines(self) -> list[str]:
        """The summary as lines of text in the active language (counter keys translated too)."""
        head = _("Dry run: nothing was written.") if self.dry_run else _("Imported.")
        out = [f"{head} {self.plan} · {self.agency} · {self.period} · {self.status_display}"]
        if self.plan_created:
            out.append(_("Plan %(p)s created.") % {"p": self.plan})
        if self.period_created:
            out.append(_("Period %(p)s created.") % {"p": self.period})
        outcomes = import_outcome_labels()
        for label, c in ((_("items"), self.items), (_("reports"), self.reports)):
            out.append(
                f"{label}: "
                + ", ".join(
                    f"{outcomes[k]} {c.get(k, 0)}" for k in outcomes if k != "refused" or c.get(k)
                )
            )
        if self.parents_created:
            out.append(_("directions/sections created: %(n)s") % {"n": self.parents_created})
        facts = ", ".join(
            f"{fact_type_label(k)} {self.facts[k]}" for k in Fact.Type if self.facts.get(k)
        )
        unknown = sorted(k for k in self.facts if k not in Fact.Type.values)
        facts = ", ".join(filter(None, [facts] + [f"{k} {self.facts[k]}" for k in unknown]))
        out.append(_("facts") + ": " + (facts or "0"))
        out += self.notes
        return out

    @property
    def status_display(self) -> str:
        return status_label(self.status)

    def change_rows(self) -> list[dict]:
        """The per-sub-item changes with the outcome's label in the active language."""
        outcomes = import_outcome_labels()
        return [{**c, "report_label": outcomes.get(c["report"], c["report"])} for c in self.changes]

    def as_dict(self) -> dict:
        return {
            "plan": self.plan,
            "agency": self.agency,
            "period": self.period,
            "status": self.status,
            "dry_run": self.dry_run,
            "plan_created": self.plan_created,
            "period_created": self.period_created,
            "items": dict(self.items),
            "parents_created": self.parents_created,
            "reports": dict(self.reports),
            "facts": dict(self.facts),
            "notes": self.notes,
            "changes": self.changes,
            "found": self.found,
            "matched": self.matched,
            "flagged": self.flagged,
        }
