"""Generate national-scale synthetic plan data: ≥ 50 agencies, ≥ 300 sub-items, 10 years,
≥ 200,000 item reports with facts (at --scale 1). Everything is invented.

    .venv/bin/python bench/gen_national.py [--scale 1.0]       # into the configured database

Uses bulk_create in batches; facts are placed by the generator (their spans are known as the
text is built), so no extraction runs per report.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ctip.settings")

from ctip.azlang.dates import MONTHS  # noqa: E402 - after the path above

PLAN = "NAP-2016-2025"
YEARS = range(2016, 2026)
AGENCIES_PER_ITEM = 17
BATCH = 4000

COUNTRIES = [
    "Gürcüstan",
    "Türkiyə",
    "Qazaxıstan",
    "Özbəkistan",
    "Almaniya",
    "Polşa",
    "İran",
    "Rusiya",
    "Ukrayna",
    "Birləşmiş Ərəb Əmirlikləri",
]
ORGS = [
    "Beynəlxalq Miqrasiya Təşkilatı",
    "Avropa Şurası",
    "Beynəlxalq Əmək Təşkilatı",
    "Daxili İşlər Nazirliyi",
    "Dövlət Sərhəd Xidməti",
]
NAMES = [
    "Aynur Həsənli",
    "Elvin Qasımzadə",
    "Nigar Səfərova",
    "Tural Mehdiyev",
    "Leyla Nəbiyeva",
    "Rauf Kərimli",
]
VERBS = ["keçirilmişdir", "təşkil olunmuşdur", "həyata keçirilmişdir", "davam etdirilmişdir"]
TOPICS = [
    "maarifləndirmə",
    "monitorinq",
    "təlim",
    "seminar",
    "yoxlama",
    "görüş",
    "kampaniya",
    "məsləhətləşmə",
    "sorğu",
    "müsahibə",
]
TITLE_WORDS = [
    "miqrantların",
    "qurbanların",
    "uşaqların",
    "gənclərin",
    "əmək",
    "sərhəd",
    "hüquqi",
    "sosial",
    "reabilitasiya",
    "maarifləndirmə",
    "monitorinq",
    "təlim",
    "koordinasiya",
    "məlumat",
    "risk",
    "müdafiə",
    "yardım",
    "əməkdaşlıq",
]


def _sentence(rng: random.Random, year: int):
    """One sentence as [(text, fact_type or None, data)] pieces."""
    kind = rng.randrange(6)
    d, m = rng.randint(1, 28), rng.randrange(12)
    date = (
        f"{year}-ci il {d} {MONTHS[m]}",
        "date",
        {"start": f"{year}-{m + 1:02d}-{d:02d}", "end": f"{year}-{m + 1:02d}-{d:02d}"},
    )
    n = rng.randint(2, 400)
    topic = rng.choice(TOPICS)
    if kind == 0:
        return [
            date,
            (" tarixində ", None, None),
            (rng.choice(ORGS), "organization", {}),
            (f" ilə birgə {topic} ", None, None),
            (f"{n} nəfər", "quantity", {"value": n, "unit": "nəfər"}),
            (" iştirakçı ilə " + rng.choice(VERBS) + ". ", None, None),
        ]
    if kind == 1:
        num = f"{rng.randint(1, 12):02d}/{rng.randint(100, 9999)}"
        return [
            date,
            (" tarixli ", None, None),
            (f"{num} nömrəli məktub", "document", {"kind": "məktub", "number": num}),
            (" ilə məlumat aidiyyəti qurumlara göndərilmişdir. ", None, None),
        ]
    if kind == 2:
        c = rng.choice(COUNTRIES)
        return [
            ("Hesabat dövründə ", None, None),
            (c, "country", {"name": c}),
            (f" tərəfi ilə {topic} üzrə məlumat mübadiləsi aparılmışdır. ", None, None),
        ]
    if kind == 3:
        name = rng.choice(NAMES)
        return [
            ("Tədbirlərin əlaqələndirilməsi şöbə müdiri ", None, None),
            (name, "person", {"name": name}),
            (" tərəfindən təmin edilmişdir. ", None, None),
        ]
    if kind == 4:
        return [
            ("İnsan alverinə qarşı mübarizə çərçivəsində ", None, None),
            (f"{n} ədəd", "quantity", {"value": n, "unit": "ədəd"}),
            (f" {topic} materialı hazırlanaraq yayılmışdır. ", None, None),
        ]
    return [
        (f"{topic.capitalize()} işi ", None, None),
        (f"{year}-ci ilin ", None, None),
        (MONTHS[m], None, None),
        (" ayında " + rng.choice(VERBS) + ". ", None, None),
    ]


def narrative(rng: random.Random, year: int):
    text, facts = [], []
    pos = 0
    for _ in range(rng.randint(3, 6)):
        for piece, ftype, data in _sentence(rng, year):
            if ftype:
                facts.append((ftype, piece, pos, pos + len(piece), data))
            text.append(piece)
            pos += len(piece)
    return "".join(text).strip(), facts


class KeyCache:
    """build_search_text, inlined for speed."""

    def __init__(self):
        from ctip.plan.text import PII_PREFIX, tokens

        self.tokens, self.pii = tokens, PII_PREFIX

    def __call__(self, text: str, pii_spans) -> str:
        keys: dict[str, None] = {}
        for k, s, e in self.tokens(text):
            if any(ps <= s and e <= pe for ps, pe in pii_spans):
                k = self.pii + k
            keys[k] = None
        return " " + " ".join(keys) + " "


def generate(scale: float = 1.0, out=print, seed: int = 7) -> dict:
    import django

    django.setup()
    from django.db import transaction
    from tqdm import tqdm

    from ctip.plan.models import Agency, Fact, ItemReport, PlanItem
    from ctip.plan.services import (
        get_or_create_period,
        get_or_create_plan,
        item_search_text,
        sync_agencies,
    )

    rng = random.Random(seed)
    t0 = time.perf_counter()
    sync_agencies()
    for i in range(1, 21):  # reach well over 50 agencies
        Agency.objects.get_or_create(
            abbr=f"RİA{i:02d}",
            defaults={"name_az": f"Rayon İcra Hakimiyyəti {i}", "responsible": True},
        )
    agencies = list(Agency.objects.filter(responsible=True))
    plan, _ = get_or_create_plan(PLAN)
    if ItemReport.objects.filter(item__plan=plan).exists():
        out(f"{PLAN} already has reports; nothing generated.")
        return {
            "agencies": Agency.objects.count(),
            "reports": ItemReport.objects.filter(item__plan=plan).count(),
            "facts": Fact.objects.count(),
        }
    n_dir, n_sec = 10, 6
    per_sec = max(1, round(10 * scale))
    with transaction.atomic():
        items = []
        for d in range(1, n_dir + 1):
            items.append(PlanItem(plan=plan, code=str(d), title_az=f"İstiqamət {d}"))
            for s in range(1, n_sec + 1):
                items.append(PlanItem(plan=plan, code=f"{d}.{s}", title_az=f"Bölmə {d}.{s}"))
                for k in range(1, per_sec + 1):
                    words = " ".join(rng.sample(TITLE_WORDS, 5))
                    items.append(
                        PlanItem(
                            plan=plan,
                            code=f"{d}.{s}.{k}",
                            title_az=f"{words.capitalize()} sahəsində tədbirlər",
                        )
                    )
        for it in items:
            it.sort_key = PlanItem.make_sort_key(it.code)
            it.level = min(it.code.count(".") + 1, 3)
            it.search_text = item_search_text(it)
        PlanItem.objects.bulk_create(items, batch_size=BATCH)
        by_code = {i.code: i for i in PlanItem.objects.filter(plan=plan)}
        for it in by_code.values():
            if "." in it.code:
                it.parent = by_code[it.code.rsplit(".", 1)[0]]
        PlanItem.objects.bulk_update(list(by_code.values()), ["parent"], batch_size=BATCH)
        subs = [i for i in by_code.values() if i.level == 3]
        through = PlanItem.responsible.through
        resp = {}
        rows = []
        for it in subs:
            chosen = rng.sample(agencies, min(AGENCIES_PER_ITEM, len(agencies)))
            resp[it.pk] = chosen
            rows += [through(planitem_id=it.pk, agency_id=a.pk) for a in chosen]
        through.objects.bulk_create(rows, batch_size=BATCH)
        periods = []
        for y in YEARS:
            for h in ("H1", "H2"):
                periods.append(get_or_create_period(plan, f"{y}-{h}")[0])
    keycache = KeyCache()
    total = len(subs) * len(periods) * AGENCIES_PER_ITEM
    n_reports = n_facts = 0
    pending: list = []

    def flush():
        nonlocal n_reports, n_facts
        if not pending:
            return
        with transaction.atomic():
            objs = ItemReport.objects.bulk_create([p[0] for p in pending])
            facts = [
                Fact(report_id=o.pk, type=t, text=tx, start=s, end=e, data=d, pii=(t == "person"))
                for o, (_r, fl) in zip(objs, pending, strict=True)
                for t, tx, s, e, d in fl
            ]
            Fact.objects.bulk_create(facts, batch_size=BATCH * 2)
        n_reports += len(objs)
        n_facts += len(facts)
        pending.clear()

    with tqdm(total=total, unit="report", disable=not sys.stderr.isatty()) as bar:
        for period in periods:
            recent = period.year >= 2024
            for it in subs:
                for a in resp[it.pk]:
                    text, facts = narrative(rng, period.year)
                    pii = [(s, e) for t, _x, s, e, _d in facts if t == "person"]
                    status = (
                        rng.choice(["draft", "submitted", "returned", "approved"])
                        if recent
                        else rng.choice(["approved"] * 8 + ["submitted", "returned"])
                    )
                    pending.append(
                        (
                            ItemReport(
                                item_id=it.pk,
                                agency_id=a.pk,
                                period_id=period.pk,
                                narrative=text,
                                status=status,
                                source="bench",
                                search_text=keycache(text, pii),
                            ),
                            facts,
                        )
                    )
                    if len(pending) >= BATCH:
                        flush()
                        bar.update(BATCH)
        flush()
    secs = time.perf_counter() - t0
    stats = {
        "agencies": Agency.objects.count(),
        "sub_items": len(subs),
        "periods": len(periods),
        "reports": n_reports,
        "facts": n_facts,
        "seconds": round(secs, 1),
    }
    out("generated: " + ", ".join(f"{k} {v}" for k, v in stats.items()))
    return stats


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale",
        type=float,
        default=1.0,
        help="1.0 = 600 sub-items × 20 half-year periods × 17 agencies ≈ 204,000 reports",
    )
    args = parser.parse_args()
    generate(args.scale)


if __name__ == "__main__":
    main()
