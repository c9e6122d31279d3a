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

from django.db.models import Avg, Count, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from ctip.azlang import MONTHS

from . import selectors
from .models import Activity, ActivityParticipation, Document, Recommendation, Topic


def _plain(qs):
    """The filtered rows without their prefetches, joins and order: ids and values only."""
    return qs.prefetch_related(None).select_related(None).order_by()


def _trainings(user, period, agency):
    return _plain(
        selectors.activities_visible_to(
            user, kind=Activity.Kind.TRAINING, period=period, agency=agency
        )
    )


def _trained_by_activity(qs) -> dict[int, int]:
    """People trained per activity: its "number trained" if given, otherwise its participants'
    total; one query, (id, number) pairs."""
    totals = (
        ActivityParticipation.objects.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(s=Sum("total"))
        .values("s")
    )
    trained = qs.annotate(n=Coalesce("number_trained", Subquery(totals), Value(0)))
    return dict(trained.values_list("pk", "n"))


def trainings_by_topic(user, *, period=None, agency=None) -> list[dict]:
    qs = _trainings(user, period, agency)
    per_activity = _trained_by_activity(qs)
    through = Activity.topics.through.objects.filter(activity_id__in=qs.values("pk"))
    pairs = list(through.values_list("activity_id", "topic_id"))
    names = {t.pk: t.name for t in Topic.objects.filter(pk__in={t for _a, t in pairs})}
    topics: dict[int, list[str]] = defaultdict(list)
    for activity_id, topic_id in pairs:
        topics[activity_id].append(names[topic_id])
    trainings: Counter = Counter()
    trained: Counter = Counter()
    for activity_id, n in per_activity.items():
        for name in topics.get(activity_id) or [_("No topic")]:
            trainings[name] += 1
            trained[name] += n
    return [
        {"label": name, "value": trainings[name], "trained": trained[name]}
        for name in sorted(trainings, key=lambda n: (-trainings[n], n))
    ]


def trainings_by_month(user, *, period=None, agency=None) -> list[dict]:
    """Trainings and people trained per calendar month of their start, in month order."""
    qs = _trainings(user, period, agency)
    per_activity = _trained_by_activity(qs)
    trainings: Counter = Counter()
    trained: Counter = Counter()
    for activity_id, start in qs.values_list("pk", "start"):
        trainings[start.month] += 1
        trained[start.month] += per_activity.get(activity_id, 0)
    return [
        {"label": MONTHS[m - 1], "month": m, "value": trainings[m], "trained": trained[m]}
        for m in sorted(trainings)
    ]


def training_totals(user, *, period=None, agency=None) -> dict:
    """Trainings, people trained (women, men) and the average test results and rating, summed
    and averaged in the database."""
    qs = _trainings(user, period, agency)
    per_activity = _trained_by_activity(qs)
    sexes = ActivityParticipation.objects.filter(activity_id__in=qs.values("pk")).aggregate(
        women=Sum("women"), men=Sum("men")
    )
    # over the rows themselves unless a filter joined (and made them distinct): then by id
    rows = Activity.objects.filter(pk__in=qs.values("pk")) if qs.query.distinct else qs
    averages = rows.aggregate(
        pre=Avg("pre_test_avg"), post=Avg("post_test_avg"), rating=Avg("trainer_rating")
    )

    def avg(value):
        return None if value is None else round(float(value), 1)

    return {
        "trainings": len(per_activity),
        "trained": sum(per_activity.values()),
        "women": sexes["women"] or 0,
        "men": sexes["men"] or 0,
        "pre_test_avg": avg(averages["pre"]),
        "post_test_avg": avg(averages["post"]),
        "trainer_rating": avg(averages["rating"]),
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
    """Activities per sub-item they serve (of `plan` only, when given), in plan order; counted
    in the database per sub-item and kind."""
    qs = _plain(selectors.activities_visible_to(user, period=period, agency=agency))
    through = Activity.plan_items.through.objects.filter(activity_id__in=qs.values("pk"))
    if plan is not None:
        through = through.filter(planitem__plan=plan)
    rows = (
        through.values_list("planitem__code", "planitem__sort_key", "activity__kind")
        .annotate(n=Count("activity_id"))
        .order_by()
    )
    counts: Counter = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    sort_keys: dict[str, str] = {}
    for code, sort_key, kind, n in rows:
        counts[code] += n
        kinds[code][Activity.Kind(kind).label] += n
        sort_keys[code] = sort_key
    return [
        {
            "label": code,
            "value": counts[code],
            "kinds": ", ".join(f"{k} {n}" for k, n in kinds[code].most_common()),
        }
        for code in sorted(counts, key=lambda c: sort_keys[c])
    ]


def activities_by_kind(user, *, period=None, agency=None) -> list[dict]:
    qs = _plain(selectors.activities_visible_to(user, period=period, agency=agency))
    rows = Activity.objects.filter(pk__in=qs.values("pk")).order_by().values_list("kind")
    counts = Counter({Activity.Kind(k).label: n for k, n in rows.annotate(n=Count("pk"))})
    return [{"label": k, "value": n} for k, n in counts.most_common()]


def recommendations_by_status(user, *, period=None, agency=None) -> list[dict]:
    rng = selectors.period_range(period)
    qs = selectors.recommendations_visible_to(user, agency=agency)
    if rng:
        qs = qs.filter(year__range=(rng[0].year, rng[1].year))
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
