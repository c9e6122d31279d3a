"""Statistics over records: pure functions of (user, period, agency), no request objects.

Each function returns a list of rows (dicts with at least "label" and "value") ready for a table or
for `ctip.records.charts.bar_chart`. Reused by the report generator.

Counting rules:
- A training with several topics counts once under each of its topics; one without topics is
  counted under "No topic".
- People trained = the training's "number trained" if given, otherwise its participants' total.
- Letters by recipient: outgoing letters, one count per recipient (agency or free-text name).
- Recommendations have no date: the period filters them by their year.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.utils.translation import gettext as _

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
    counts: Counter = Counter()
    for doc in qs:
        names = [a.abbr for a in doc.recipients.all()]
        names += [n.strip() for n in doc.recipient_names.split(";") if n.strip()]
        for name in names or [_("Not stated")]:
            counts[name] += 1
    return [
        {"label": name, "value": n}
        for name, n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))
    ]


def activities_by_item(user, *, period=None, agency=None) -> list[dict]:
    qs = selectors.activities_visible_to(user, period=period, agency=agency)
    counts: Counter = Counter()
    kinds: dict[str, Counter] = defaultdict(Counter)
    sort_keys: dict[str, str] = {}
    for activity in qs:
        for item in activity.plan_items.all():
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
