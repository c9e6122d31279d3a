"""Statistics over records: pure functions of (user, period, agency), no request objects.

`user` is the acting user, or None for the system (the `ctip report` command run on the server),
which counts every record.

Each function returns a list of rows (dicts with at least "label" and "value") ready for a table or
for `ctip.core.charts.bar_chart`. Reused by the report generator.

Counting rules:
- A training with several topics counts once under each of its topics; one without topics is
  counted under "No topic".
- People trained = the training's "number trained" if given, otherwise its participants' total.
- Letters by recipient: outgoing letters, one count per recipient (agency or free-text name).
- Recommendations have no date: the period filters them by their year.
- Documents by kind and letters by recipient count the documents registered by `agency`; the
  agency filter of the registry's list also matches issuer and recipients.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count
from django.utils.translation import gettext as _

from ctip.azlang import MONTHS

from . import selectors
from .models import Activity, Document, Recommendation


def _trained(activity: Activity) -> int:
    if activity.number_trained is not None:
        return activity.number_trained
    return sum(p.total for p in activity.participations.all())


def trainings_by_topic(user, *, period=None, agency=None) -> list[dict]:
    qs = selectors.activities_visible_to(
        user, kind=Activity.Kind.TRAINING, period=period, agency=agency
    )
    trainings: Counter = Counter()
    trained: Counter = Counter()
    for activity in qs:
        topics = [t.name for t in activity.topics.all()] or [_("No topic")]
        for name in topics:
            trainings[name] += 1
            trained[name] += _trained(activity)
    return [
        {"label": name, "value": trainings[name], "trained": trained[name]}
        for name in sorted(trainings, key=lambda n: (-trainings[n], n))
    ]


def trainings_by_month(user, *, period=None, agency=None) -> list[dict]:
    """Trainings and people trained per calendar month of their start, in month order."""
    qs = selectors.activities_visible_to(
        user, kind=Activity.Kind.TRAINING, period=period, agency=agency
    )
    trainings: Counter = Counter()
    trained: Counter = Counter()
    for activity in qs:
        trainings[activity.start.month] += 1
        trained[activity.start.month] += _trained(activity)
    return [
        {"label": MONTHS[m - 1], "month": m, "value": trainings[m], "trained": trained[m]}
        for m in sorted(trainings)
    ]


def training_totals(user, *, period=None, agency=None) -> dict:
    qs = selectors.activities_visible_to(
        user, kind=Activity.Kind.TRAINING, period=period, agency=agency
    )
    rows = list(qs)
    women = sum(p.women for a in rows for p in a.participations.all())
    men = sum(p.men for a in rows for p in a.participations.all())
    pre = [a.pre_test_avg for a in rows if a.pre_test_avg is not None]
    post = [a.post_test_avg for a in rows if a.post_test_avg is not None]
    rating = [a.trainer_rating for a in rows if a.trainer_rating is not None]

    def avg(values):
        return round(float(sum(values)) / len(values), 1) if values else None

    return {
        "trainings": len(rows),
        "trained": sum(_trained(a) for a in rows),
        "women": women,
        "men": men,
        "pre_test_avg": avg(pre),
        "post_test_avg": avg(post),
        "trainer_rating": avg(rating),
    }


def letters_by_recipient(user, *, period=None, agency=None) -> list[dict]:
    qs = selectors.documents_visible_to(user, kind=Document.Kind.LETTER, period=period)
    qs = qs.filter(direction=Document.Direction.OUTGOING)
    ag = selectors.resolve_agency_param(agency)
    if agency not in (None, "") and ag is None:
        return []
    if ag is not None:
        qs = qs.filter(agency=ag)
    # Plain values, not documents with their prefetched relations: a national year has tens of
    # thousands of letters.
    qs = qs.prefetch_related(None).select_related(None).order_by()
    listed: dict[int, list[str]] = defaultdict(list)
    through = Document.recipients.through.objects.filter(document__in=qs.values("pk"))
    for doc_id, abbr in through.values_list("document_id", "agency__abbr"):
        listed[doc_id].append(abbr)
    counts: Counter = Counter()
    for doc_id, others in qs.values_list("pk", "recipient_names"):
        names = listed.get(doc_id, []) + [n.strip() for n in others.split(";") if n.strip()]
        for name in names or [_("Not stated")]:
            counts[name] += 1
    return [
        {"label": name, "value": n}
        for name, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    ]


def documents_by_kind(user, *, period=None, agency=None) -> list[dict]:
    """Documents registered by `agency` (all agencies when None) per kind, split by direction;
    kinds in Document.Kind order, only those with documents."""
    qs = selectors.documents_visible_to(user, period=period)
    ag = selectors.resolve_agency_param(agency)
    if agency not in (None, "") and ag is None:
        return []
    if ag is not None:
        qs = qs.filter(agency=ag)
    grid: dict[str, Counter] = defaultdict(Counter)
    pairs = qs.prefetch_related(None).values_list("kind", "direction").annotate(n=Count("id"))
    for kind, direction, n in pairs.order_by():
        grid[kind][direction] += n
    return [
        {
            "label": str(label),
            "kind": kind,
            "value": sum(grid[kind].values()),
            **{d: grid[kind][d] for d in Document.Direction.values},
        }
        for kind, label in Document.Kind.choices
        if kind in grid
    ]


def activities_by_item(user, *, period=None, agency=None, plan=None) -> list[dict]:
    """Activities per sub-item they serve (of `plan` only, when given), in plan order."""
    qs = selectors.activities_visible_to(user, period=period, agency=agency)
    counts: Counter = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    sort_keys: dict[str, str] = {}
    for activity in qs:
        for item in activity.plan_items.all():
            if plan is not None and item.plan_id != plan.pk:
                continue
            counts[item.code] += 1
            kinds[item.code][activity.get_kind_display()] += 1
            sort_keys[item.code] = item.sort_key
    return [
        {
            "label": code,
            "value": counts[code],
            "kinds": ", ".join(f"{k} {n}" for k, n in kinds[code].most_common()),
        }
        for code in sorted(counts, key=lambda c: sort_keys[c])
    ]


def activities_by_kind(user, *, period=None, agency=None) -> list[dict]:
    qs = selectors.activities_visible_to(user, period=period, agency=agency)
    counts = Counter(a.get_kind_display() for a in qs)
    return [{"label": k, "value": n} for k, n in counts.most_common()]


def recommendations_by_status(user, *, period=None, agency=None) -> list[dict]:
    rng = selectors.period_range(period)
    qs = selectors.recommendations_visible_to(user, agency=agency)
    if rng:
        qs = qs.filter(year__range=(rng[0].year, rng[1].year))
    counts = Counter(qs.values_list("status", flat=True))
    return [
        {"label": str(label), "value": counts.get(value, 0), "status": value}
        for value, label in Recommendation.Status.choices
    ]


def recommendations_to_date(user, *, year: int, agency=None) -> list[dict]:
    """Where the recommendations received up to `year` (inclusive) stand now; with `agency`,
    those it is responsible for. Statuses in Recommendation.Status order, zeros included."""
    qs = selectors.recommendations_visible_to(user).filter(year__lte=year)
    if agency not in (None, ""):
        ag = selectors.resolve_agency_param(agency)
        if ag is None:
            return []
        qs = qs.filter(responsible=ag)
    counts = dict(
        qs.prefetch_related(None)
        .values_list("status")
        .annotate(n=Count("id", distinct=True))
        .order_by()
    )
    return [
        {"label": str(label), "value": counts.get(value, 0), "status": value}
        for value, label in Recommendation.Status.choices
    ]
