"""Public, k-anonymous case data in the style of CTDC's global dataset (one row per person).

k-anonymity holds over *all* exported columns: every combination of values that appears, appears
at least k times. Generalization comes first (rare countries → "Other", age bands → minor/adult,
year → five-year range, recruiter relation and means of control → unknown), stopping as soon as
suppressing the remaining rare rows would drop at most `max_suppressed_share` of the rows; then
those rare rows are suppressed. The rows come out sorted by their values, never in the order
the persons were registered.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .models import ControlMethod, Exploitation
from .selectors import age_band

CONTROL_COLUMNS = {
    m: "meansOfControl" + "".join(p.title() for p in m.split("_")) for m in ControlMethod.values
}
EXPLOITATION_COLUMNS = {
    e: "typeOfExploitation" + "".join(p.title() for p in e.split("_")) for e in Exploitation.values
}
COLUMNS = (
    ["yearOfRegistration", "gender", "ageBroad", "citizenship", "CountryOfExploitation"]
    + list(CONTROL_COLUMNS.values())
    + list(EXPLOITATION_COLUMNS.values())
    + ["recruiterRelation"]
)
MISSING = ""  # CTDC writes NA; we write an empty cell


def _age_broad(age):
    return "" if age is None else age_band(age)


def person_rows(persons) -> list[dict]:
    """One CTDC-style row per person (persons with their case selected)."""
    rows = []
    for p in persons:
        c = p.case
        row = {
            "yearOfRegistration": str(c.registered_on.year),
            "gender": p.sex,
            "ageBroad": _age_broad(p.age_at_registration),
            "citizenship": p.citizenship or MISSING,
            "CountryOfExploitation": c.country_of_exploitation or MISSING,
        }
        for m, col in CONTROL_COLUMNS.items():
            row[col] = "1" if m in (c.control_methods or []) else "0"
        for e, col in EXPLOITATION_COLUMNS.items():
            row[col] = "1" if e in (c.exploitation or []) else "0"
        row["recruiterRelation"] = "" if c.recruiter_relation == "unknown" else c.recruiter_relation
        rows.append(row)
    return rows


def _key(row) -> tuple:
    return tuple(row[c] for c in COLUMNS)


def _rare(rows, k) -> int:
    counts = Counter(_key(r) for r in rows)
    return sum(1 for r in rows if counts[_key(r)] < k)


def _rare_values_to_other(column: str) -> Callable:
    def step(rows, k):
        counts = Counter(r[column] for r in rows)
        for r in rows:
            if r[column] and counts[r[column]] < k:
                r[column] = "Other"

    step.__name__ = f"rare {column} → Other"
    return step


def _age_to_majority(rows, k):
    for r in rows:
        if r["ageBroad"]:
            r["ageBroad"] = "0--17" if int(r["ageBroad"].split("-")[0].rstrip("+")) < 18 else "18+"


def _year_to_range(rows, k):
    for r in rows:
        y = r["yearOfRegistration"]
        if y.isdigit():
            start = int(y) - (int(y) - 1) % 5
            r["yearOfRegistration"] = f"{start}-{start + 4}"


def _blank(columns, name):
    def step(rows, k):
        for r in rows:
            for c in columns:
                r[c] = MISSING

    step.__name__ = name
    return step


def _rare_flags_unknown(rows, k):
    """A type of exploitation reported fewer than k times becomes unknown for everyone."""
    for col in EXPLOITATION_COLUMNS.values():
        if sum(1 for r in rows if r[col] == "1") < k:
            for r in rows:
                r[col] = MISSING


STEPS: list[Callable] = [
    _rare_values_to_other("citizenship"),
    _rare_values_to_other("CountryOfExploitation"),
    _rare_values_to_other("recruiterRelation"),
    _age_to_majority,
    _year_to_range,
    _blank(["recruiterRelation"], "recruiter relation → unknown"),
    _blank(list(CONTROL_COLUMNS.values()), "means of control → unknown"),
    _rare_values_to_other("citizenship"),
    _rare_values_to_other("CountryOfExploitation"),
    _blank(["CountryOfExploitation"], "country of exploitation → unknown"),
    _rare_flags_unknown,
    _blank(["ageBroad"], "age → unknown"),
    _blank(["citizenship"], "citizenship → unknown"),
]


def k_anonymize(rows: list[dict], k: int = 11, *, max_suppressed_share: float = 0.05):
    """Return (rows, report): generalized then suppressed so every row's class has ≥ k rows."""
    if k < 1:
        raise ValueError("k must be at least 1")
    rows = [dict(r) for r in rows]
    applied = []
    limit = int(len(rows) * max_suppressed_share)
    for step in STEPS:
        if _rare(rows, k) <= limit:
            break
        step(rows, k)
        applied.append(step.__name__.strip("_").replace("_", " "))
    counts = Counter(_key(r) for r in rows)
    # Ordered by the exported values themselves: the row order says nothing the rows do not
    # (in registration order, it would tell when each person was registered).
    kept = sorted((r for r in rows if counts[_key(r)] >= k), key=_key)
    return kept, {
        "input": len(rows),
        "output": len(kept),
        "suppressed": len(rows) - len(kept),
        "k": k,
        "generalizations": applied,
    }
