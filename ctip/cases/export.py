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
from functools import cache
from operator import itemgetter

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


# Only these columns are read: nothing sealed is loaded (or decrypted), no model is built.
PERSON_FIELDS = (
    "sex",
    "citizenship",
    "age_at_registration",
    "case__registered_on",
    "case__country_of_exploitation",
    "case__control_methods",
    "case__exploitation",
    "case__recruiter_relation",
)
CHUNK_SIZE = 5000


@cache
def _age_broad(age):
    return "" if age is None else age_band(age)


def person_rows(persons) -> list[dict]:
    """One CTDC-style row per person, from a Person queryset (persons with a case).

    Streamed as plain values in chunks: at national scale (300,000 persons) building model
    instances cost most of the export's time."""
    rows = []
    values = persons.order_by().values_list(*PERSON_FIELDS)
    for sex, citizenship, age, registered, country, controls, forms, relation in values.iterator(
        chunk_size=CHUNK_SIZE
    ):
        controls, forms = set(controls or ()), set(forms or ())
        row = {
            "yearOfRegistration": str(registered.year),
            "gender": sex,
            "ageBroad": _age_broad(age),
            "citizenship": citizenship or MISSING,
            "CountryOfExploitation": country or MISSING,
        }
        for m, col in CONTROL_COLUMNS.items():
            row[col] = "1" if m in controls else "0"
        for e, col in EXPLOITATION_COLUMNS.items():
            row[col] = "1" if e in forms else "0"
        row["recruiterRelation"] = "" if relation == "unknown" else relation
        rows.append(row)
    return rows


_key = itemgetter(*COLUMNS)  # a row's exported values, as a tuple


def _rare(rows, k) -> int:
    """How many rows are in a class of fewer than k rows."""
    return sum(n for n in Counter(map(_key, rows)).values() if n < k)


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
    counts = Counter(map(_key, rows))
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
