"""Demo records: letters and resolutions (some overdue), trainings with evaluations, an awareness
material in six languages, a monitoring visit and recommendations with statuses.

Every sentence is invented for the demo; no real people. Idempotent: documents are found by their
identity, activities by (agency, title, start), recommendations by (source, year, reference).
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from ctip.demo import plan as plan_demo
from ctip.plan.models import Agency, ItemReport, PlanItem, ReportingPeriod
from ctip.plan.services import sync_agencies
from ctip.records.models import (
    Activity,
    ActivityParticipation,
    Document,
    Recommendation,
    Topic,
)
from ctip.records.models import RecommendationStatusChange as Change
from ctip.records.services import register_document, sync_documents_from_report

PLAN = "NAP-2020-2024"

TOPICS = [
    (
        "identification",
        "Qurbanların ilkin müəyyən edilməsi",
        "Identification of victims",
        "Выявление жертв",
    ),
    ("labour-exploitation", "Əmək istismarı", "Labour exploitation", "Трудовая эксплуатация"),
    ("child-trafficking", "Uşaq alveri", "Child trafficking", "Торговля детьми"),
    (
        "victim-assistance",
        "Qurbanlara yardım və yönləndirmə",
        "Victim assistance and referral",
        "Помощь жертвам и перенаправление",
    ),
    (
        "online-recruitment",
        "İnternet vasitəsilə cəlb etmə",
        "Online recruitment",
        "Вербовка через интернет",
    ),
    ("migrant-rights", "Miqrantların hüquqları", "Migrants' rights", "Права мигрантов"),
]

# kind, number, date, issuer, recipient(s), direction, subject, items, due (days from today) or None
DOCUMENTS = [
    (
        "resolution",
        "DEMO-1201",
        dt.date(2022, 3, 14),
        "NK",
        "DMX",
        "incoming",
        "Milli Fəaliyyət Planının icrası barədə yarımillik məlumatın təqdim edilməsi tapşırığı",
        ["1.1.1"],
        -20,
    ),
    (
        "resolution",
        "DEMO-1388",
        dt.date(2022, 9, 2),
        "NK",
        "DİN",
        "incoming",
        "Qurbanların müəyyən edilməsi qaydalarına dair təkliflərin hazırlanması tapşırığı",
        ["1.1.2"],
        12,
    ),
    (
        "resolution",
        "DEMO-1502",
        dt.date(2022, 11, 21),
        "NK",
        "DMX",
        "incoming",
        "Sərhəd keçid məntəqələrində maarifləndirmə işinin gücləndirilməsi tapşırığı",
        ["2.1.2"],
        75,
    ),
    (
        "letter",
        "07/118",
        dt.date(2022, 2, 10),
        "DMX",
        "DİN",
        "outgoing",
        "Birgə monitorinq qrafikinin razılaşdırılması barədə",
        ["2.2.1"],
        None,
    ),
    (
        "letter",
        "07/244",
        dt.date(2022, 4, 22),
        "DMX",
        "ƏƏSMN",
        "outgoing",
        "Əmək miqrantları üçün qaynar xəttin məlumatlarının mübadiləsi barədə",
        ["2.1.3"],
        None,
    ),
    (
        "letter",
        "07/309",
        dt.date(2022, 6, 8),
        "DMX",
        "DİN",
        "outgoing",
        "Təlim iştirakçılarının siyahısının təqdim edilməsi barədə",
        ["4.1.1"],
        None,
    ),
    (
        "letter",
        "07/455",
        dt.date(2022, 10, 3),
        "DMX",
        "XİN",
        "outgoing",
        "Xarici ölkələrdəki konsulluqlara məlumat vərəqələrinin göndərilməsi barədə",
        ["1.2.1"],
        None,
    ),
    (
        "letter",
        "3/1-77",
        dt.date(2022, 5, 17),
        "DİN",
        "DMX",
        "incoming",
        "Potensial qurbanların müəyyən edilməsi üzrə birgə tədbirlər barədə",
        ["2.2.1"],
        None,
    ),
    (
        "order",
        "DEMO-41",
        dt.date(2022, 1, 25),
        "DMX",
        None,
        "other",
        "Təlimlərin qiymətləndirilməsi qaydasının təsdiq edilməsi haqqında",
        ["4.1.1"],
        None,
    ),
]

TRAININGS = [
    # agency, title, start, end, place, items, topics, trainers, participants[(abbr, w, m)],
    # trained, pre, post, rating
    (
        "DMX",
        "Sərhəd əməkdaşları üçün qurbanların ilkin müəyyən edilməsi təlimi",
        dt.date(2022, 3, 22),
        dt.date(2022, 3, 24),
        "Bakı, Təlim Mərkəzi",
        ["4.1.1"],
        ["identification", "victim-assistance"],
        "Beynəlxalq Miqrasiya Təşkilatının iki təlimçisi",
        [("DMX", 9, 14), ("DSX", 3, 8)],
        32,
        48.5,
        81.0,
        4.6,
    ),
    (
        "DMX",
        "Əmək istismarı əlamətləri üzrə seminar",
        dt.date(2022, 5, 11),
        None,
        "Gəncə regional idarəsi",
        ["2.2.1"],
        ["labour-exploitation"],
        "Xidmətin iki mütəxəssisi",
        [("DMX", 6, 10), ("ƏƏSMN", 4, 2)],
        22,
        55.0,
        78.5,
        4.3,
    ),
    (
        "DİN",
        "Uşaq alveri hallarının araşdırılması üzrə təlim",
        dt.date(2022, 6, 15),
        dt.date(2022, 6, 16),
        "Bakı",
        ["4.1.1"],
        ["child-trafficking", "identification"],
        "Polis Akademiyasının müəllimləri",
        [("DİN", 7, 18)],
        25,
        51.0,
        84.0,
        4.7,
    ),
    (
        "DMX",
        "İnternet vasitəsilə cəlb etmə riskləri üzrə onlayn təlim",
        dt.date(2022, 9, 28),
        None,
        "onlayn",
        ["2.1.1"],
        ["online-recruitment"],
        "Xidmətin İT mütəxəssisi",
        [("DMX", 12, 9), (None, 5, 4)],
        30,
        42.0,
        73.5,
        4.1,
    ),
    (
        "DMX",
        "Miqrantların hüquqları və qaynar xətt üzrə təlim",
        dt.date(2022, 11, 9),
        None,
        "Sumqayıt",
        ["2.1.3"],
        ["migrant-rights", "victim-assistance"],
        "QHT nümayəndələri",
        [("DMX", 8, 7)],
        15,
        60.0,
        86.0,
        4.8,
    ),
]

RECOMMENDATIONS = [
    # source, report, year, reference, text, priority, status, items, responsible, due (days)
    (
        "us_tip",
        "2022 Trafficking in Persons Report",
        2022,
        "R1",
        "Əmək istismarı hallarının proaktiv müəyyən edilməsi üçün əmək müfəttişlərinin səlahiyyətlərini "
        "artırmaq və onlara təlim keçmək.",
        "high",
        "in_progress",
        ["2.2.1"],
        ["ƏƏSMN", "DMX"],
        -10,
    ),
    (
        "us_tip",
        "2022 Trafficking in Persons Report",
        2022,
        "R2",
        "Qurbanların müəyyən edilməsi prosedurlarını miqrantlar və xarici vətəndaşlar üçün də "
        "sistemli tətbiq etmək.",
        "high",
        "partially",
        ["1.1.2", "4.1.1"],
        ["DİN", "DMX"],
        25,
    ),
    (
        "greta",
        "GRETA, üçüncü qiymətləndirmə raundu",
        2022,
        "§ 41",
        "Qurbanlara göstərilən yardımın keyfiyyətini qiymətləndirmək üçün müstəqil monitorinq "
        "mexanizmi yaratmaq.",
        "medium",
        "open",
        ["3.1.1"],
        ["AQUPDK", "ƏƏSMN"],
        120,
    ),
    (
        "greta",
        "GRETA, üçüncü qiymətləndirmə raundu",
        2022,
        "§ 57",
        "Sərhəd və miqrasiya əməkdaşları üçün müntəzəm təlimlərin davam etdirilməsi.",
        "medium",
        "implemented",
        ["4.1.1"],
        ["DMX", "DSX"],
        None,
    ),
    (
        "un_cmw",
        "BMT Miqrant işçilər komitəsi, yekun müşahidələr",
        2023,
        "35(b)",
        "Miqrant işçilərin hüquqları barədə məlumatların bir neçə dildə əlçatan olmasını təmin etmək.",
        "low",
        "open",
        ["2.1.2"],
        ["DMX"],
        -45,
    ),
]


def _period(code):
    return ReportingPeriod.objects.filter(plan__code=PLAN, code=code).first()


def _items(codes):
    return list(PlanItem.objects.filter(plan__code=PLAN, code__in=codes))


def _ensure_plan():
    """Agencies, the plan, its items and 2022: from the plan demo if loaded, else the minimum."""
    if not Agency.objects.exists():
        sync_agencies()
    if not PlanItem.objects.filter(plan__code=PLAN).exists():
        plan_demo.load(None)


def load(stdout=None) -> list[str]:
    """Topics, documents, activities and recommendations, then the documents the plan's
    2022 reports name; each step creates only what is missing."""
    _ensure_plan()
    today = timezone.localdate()
    ag = {a.abbr: a for a in Agency.objects.all()}
    with transaction.atomic():
        topics = _topics()
        docs, new_documents = _documents(ag, today)
        period = _period("2022")
        new_activities = _trainings(ag, period, topics, docs)
        new_activities += _awareness_material(ag, period)
        visit, created = _monitoring_visit(ag, period, docs)
        new_activities += created
        new_recommendations = _recommendations(ag, today, visit, docs)
        linked = _documents_from_reports(period)
    total = Document.objects.count()
    return [
        f"Records: {new_documents + linked} new documents ({total} in the "
        f"registry), {new_activities} new activities, {new_recommendations} new "
        "recommendations."
    ]


def _topics() -> dict:
    """The training topics by key."""
    topics = {}
    for key, az, en, ru in TOPICS:
        topics[key], _ = Topic.objects.get_or_create(
            key=key, defaults={"name_az": az, "name_en": en, "name_ru": ru}
        )
    return topics


def _documents(ag, today) -> tuple[dict, int]:
    """The registry's letters, resolutions and orders by number; how many were new."""
    docs, created_count = {}, 0
    for kind, number, date, issuer, recipient, direction, subject, items, due in DOCUMENTS:
        owner = ag[recipient] if direction == "incoming" else ag[issuer]
        doc, created = register_document(
            None,
            kind=kind,
            number=number,
            date=date,
            agency=owner,
            issuer=ag[issuer],
            direction=direction,
            recipients=[ag[recipient]] if recipient else [],
            subject=subject,
            plan_items=_items(items),
            due_date=today + dt.timedelta(days=due) if due is not None else None,
        )
        docs[number] = doc
        created_count += created
    return docs, created_count


def _trainings(ag, period, topics, docs) -> int:
    """The trainings with their evaluations and participants; how many were new."""
    created_count = 0
    for training in TRAININGS:
        (abbr, title, start, end, place, items, tkeys, trainers) = training[:8]
        (parts, trained, pre, post, rating) = training[8:]
        activity, created = Activity.objects.get_or_create(
            agency=ag[abbr],
            title=title,
            start=start,
            defaults={
                "kind": "training",
                "end": end,
                "place": place,
                "period": period,
                "narrative_az": f"{title}. Təlimdə iştirakçıların bilikləri ilkin və yekun "
                "testlərlə qiymətləndirilmiş, təlimçilərin işi sorğu "
                "vərəqələri ilə dəyərləndirilmişdir.",
                "trainers": trainers,
                "number_trained": trained,
                "pre_test_avg": pre,
                "post_test_avg": post,
                "trainer_rating": rating,
            },
        )
        if created:
            created_count += 1
            _fill_training(activity, ag, items, [topics[k] for k in tkeys], parts)
            if title.startswith("Sərhəd"):
                activity.documents.set([docs["07/309"], docs["DEMO-41"]])
    return created_count


def _fill_training(activity, ag, items, topics, parts) -> None:
    """A new training's items, topics, organiser and participants by agency."""
    activity.plan_items.set(_items(items))
    activity.topics.set(topics)
    activity.organisers.set([activity.agency])
    for p_abbr, women, men in parts:
        ActivityParticipation.objects.create(
            activity=activity,
            agency=ag.get(p_abbr) if p_abbr else None,
            agency_name="" if p_abbr else "Könüllülər",
            women=women,
            men=men,
            total=women + men,
        )


def _awareness_material(ag, period) -> int:
    """The leaflet in six languages; 1 if it was new."""
    material, created = Activity.objects.get_or_create(
        agency=ag["DMX"],
        title="“Təhlükəsiz miqrasiya” məlumat vərəqəsi",
        start=dt.date(2022, 7, 1),
        defaults={
            "kind": "awareness_material",
            "end": dt.date(2022, 12, 31),
            "period": period,
            "place": "Sərhəd keçid məntəqələri və regional idarələr",
            "narrative_az": "Əcnəbilərə hüquqları, insan alveri riskləri və müraciət "
            "edə biləcəkləri qaynar xətt barədə məlumat verən vərəqə "
            "hazırlanaraq çap olunmuş və yayılmışdır.",
            "material_title": "Təhlükəsiz miqrasiya: bilməli olduqlarınız",
            "languages": ["az", "ru", "en", "fa", "ar", "tr"],
            "copies_printed": 12000,
            "copies_distributed": 9400,
            "people_reached": 15000,
            "channels": ["print", "social_media", "website", "hotline"],
        },
    )
    if created:
        material.plan_items.set(_items(["2.1.2"]))
        material.organisers.set([ag["DMX"]])
    return int(created)


def _monitoring_visit(ag, period, docs) -> tuple[Activity, int]:
    """The visit to building sites; 1 if it was new."""
    visit, created = Activity.objects.get_or_create(
        agency=ag["DMX"],
        title="Tikinti sahələrində əməkçi miqrantların vəziyyətinin monitorinqi",
        start=dt.date(2022, 8, 16),
        defaults={
            "kind": "visit_monitoring",
            "end": dt.date(2022, 8, 19),
            "period": period,
            "place": "Abşeron rayonu",
            "narrative_az": "Əmək müfəttişləri ilə birgə dörd tikinti sahəsinə baxış "
            "keçirilmiş, miqrantlarla söhbətlər aparılmış və risk "
            "əlamətləri qeydə alınmışdır.",
            "people_reached": 140,
        },
    )
    if created:
        visit.plan_items.set(_items(["2.2.1"]))
        visit.organisers.set([ag["DMX"], ag["ƏƏSMN"]])
        visit.documents.set([docs["07/118"]])
    return visit, int(created)


def _recommendations(ag, today, visit, docs) -> int:
    """The recommendations with their status history and links; how many were new."""
    created_count = 0
    for source, report, year, ref, text, priority, status, items, resp, due in RECOMMENDATIONS:
        rec, created = Recommendation.objects.get_or_create(
            source=source,
            year=year,
            reference=ref,
            defaults={
                "report": report,
                "text": text,
                "priority": priority,
                "status": status,
                "agency": ag.get("MK"),
                "due_date": today + dt.timedelta(days=due) if due is not None else None,
            },
        )
        if created:
            created_count += 1
            rec.plan_items.set(_items(items))
            rec.responsible.set([ag[a] for a in resp])
            _status_history(rec, status)
            _link_recommendation(rec, ag, visit, docs)
    return created_count


def _status_history(rec, status: str) -> None:
    """A new recommendation's changes: registered as open, then moved to its demo status."""
    Change.objects.create(recommendation=rec, from_status="", to_status="open", note="Qeydə alındı")
    if status != "open":
        Change.objects.create(
            recommendation=rec,
            from_status="open",
            to_status=status,
            note="Görülən tədbirlər əsasında yeniləndi",
        )


def _link_recommendation(rec, ag, visit, docs) -> None:
    """Two recommendations point at the activities and the letter that answer them."""
    if rec.reference == "§ 57":
        rec.activities.set(
            Activity.objects.filter(kind="training", agency=ag["DMX"], plan_items__code="4.1.1")
        )
    if rec.reference == "R1":
        rec.activities.set([visit])
        rec.documents.set([docs["07/118"]])


def _documents_from_reports(period) -> int:
    """Documents named in the plan demo's 2022 reports land in the registry as well."""
    linked = 0
    for report in ItemReport.objects.filter(period=period).select_related("item", "agency"):
        linked += len(sync_documents_from_report(None, report).created)
    return linked
