"""Synthetic NRM cases for the demo: invented, obviously fictional names (idempotent)."""

import random
from datetime import date, timedelta

from django.contrib.auth import get_user_model

from ctip.cases import services
from ctip.cases.models import Case

DEMO_USER = "demo.nrm"
GIVEN = ["Uydurma", "Nümunə", "Təxəyyül", "Xəyalə", "Fərziyyə", "Sınaq", "Örnək", "Misal"]
SURNAMES = ["Demoyeva", "Uydurmalı", "Nümunəzadə", "Sınaqlı", "Örnəkov", "Xəyalbəyli"]
PATRONYMICS = ["Testqızı", "Demooğlu", "Nümunəqızı", "Sınaqoğlu"]
CITIZENSHIPS = ["AZ", "AZ", "AZ", "UZ", "TJ", "KG", "NP", "IN", "TR"]
COUNTRIES = ["AZ", "TR", "AE", "RU", "AZ", "IQ"]
SUMMARIES = [
    "Uydurma hadisə: şəxs xaricdə yüksək maaşlı iş vədi ilə aldadılıb, sənədləri götürülüb.",
    "Sınaq qeydi: tələbə kimi gələn şəxs tikintidə ödənişsiz işlədilib.",
    "Nümunə: qayınana tərəfindən evdə məcburi işə cəlb edilmə barədə məlumat.",
    "Demo mətn: dilənçiliyə məcbur edilən uşaq barədə zəng daxil olub.",
]


def _actor():
    User = get_user_model()
    agency = services.ensure_agency("DMX")
    user, created = User.objects.get_or_create(
        username=DEMO_USER, defaults={"role": "case_worker", "agency": agency}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


CHANNELS = [
    "hotline_919",
    "whatsapp",
    "online_form",
    "migration_control",
    "readmission_interview",
    "agency_referral",
    "ngo_referral",
    "consulate",
]


def load(stdout=None) -> list[str]:
    """Thirty cases, each taken a random number of steps along intake → screening → referral →
    decision → service → closure (seeded, so every run makes the same cases)."""
    services.sync_indicator_sets()
    for abbr in ("İAMBİ", "BP", "ƏƏSMN", "TƏBİB", "ETN"):
        services.ensure_agency(abbr)
    if Case.objects.filter(code__startswith="NRM-DEMO").exists():
        return ["cases: demo cases already present"]
    rng = random.Random(919)
    actor = _actor()
    iset = services.current_indicator_set()
    codes = [i.code for i in iset.indicators.all()]
    made = 0
    for n in range(1, 31):
        received = date(2024, 1, 15) + timedelta(days=rng.randrange(0, 700))
        case = _open_case(actor, rng, n, received)
        stage = rng.randrange(0, 6)
        if stage >= 1:
            _screen(actor, rng, case, iset, codes)
        if stage >= 2:
            ref = services.refer_case(
                actor,
                case,
                to_agency=services.ensure_agency(rng.choice(["İAMBİ", "BP"])),
                letter_number=f"DEMO-{n:03d}/M",
                letter_date=received + timedelta(days=3),
            )
        if stage >= 3:
            services.record_decision(
                actor,
                ref,
                decision=rng.choice(["victim_status_granted", "criminal_case_opened", "refused"]),
                number=f"Q-{n}",
                decided_on=received + timedelta(days=20),
            )
        if stage >= 4:
            _serve_and_close(actor, rng, case, received, close=stage >= 5)
        made += 1
    return [f"cases: {made} synthetic NRM cases (codes NRM-DEMO-0001…), names invented"]


def _persons(rng: random.Random, n: int) -> list[dict]:
    """One or two invented persons for case number n."""
    persons = []
    for _ in range(rng.choice([1, 1, 1, 2])):
        persons.append(
            {
                "given_name": rng.choice(GIVEN),
                "surname": rng.choice(SURNAMES),
                "patronymic": rng.choice(PATRONYMICS),
                "date_of_birth": date(
                    rng.randrange(1970, 2010), rng.randrange(1, 13), rng.randrange(1, 28)
                ),
                "sex": rng.choice(["female", "female", "male"]),
                "citizenship": rng.choice(CITIZENSHIPS),
                "documents": [f"DEMO-{n:03d}"],
                "readmitted": rng.random() < 0.2,
            }
        )
    return persons


def _open_case(actor, rng: random.Random, n: int, received: date) -> Case:
    """An intake triaged into a case, renamed NRM-DEMO-nnnn."""
    persons = _persons(rng, n)
    channel = rng.choice(CHANNELS)
    intake = services.register_intake(
        actor,
        channel=channel,
        received_on=received,
        summary=rng.choice(SUMMARIES),
        persons=persons,
        purpose="demo data",
    )
    case = services.triage_intake(actor, intake, open_case=True)
    Case.objects.filter(pk=case.pk).update(code=f"NRM-DEMO-{n:04d}")
    case.refresh_from_db()
    return case


def _screen(actor, rng: random.Random, case: Case, iset, codes: list[str]) -> None:
    """Every person screened as a presumed victim; the case's exploitation details set."""
    for p in case.persons.all():
        observed = {c: "uydurma qeyd" for c in rng.sample(codes, 3)}
        services.screen_person(
            actor,
            p,
            outcome="presumed_victim",
            observed=observed,
            purpose="demo data",
            indicator_set=iset,
        )
    services.set_case_details(
        actor,
        case,
        exploitation=rng.sample(
            ["forced_labour", "sexual_exploitation", "forced_begging", "servitude"],
            rng.choice([1, 1, 2]),
        ),
        control_methods=rng.sample(
            ["debt_bondage", "withholds_documents", "threats", "restricts_movement"], 2
        ),
        country_of_exploitation=rng.choice(COUNTRIES),
        recruiter_relation=rng.choice(["employer", "friend", "family", "unknown"]),
    )


def _serve_and_close(actor, rng: random.Random, case: Case, received: date, *, close: bool):
    """A completed service; then, for the last stage, the case closed."""
    services.add_service(
        actor,
        case,
        type=rng.choice(["shelter", "medical", "psychological", "legal_aid", "reintegration"]),
        provider=services.ensure_agency("ƏƏSMN"),
        start=received + timedelta(days=21),
        outcome="completed",
    )
    if close:
        services.close_case(
            actor, case, reason="assistance_completed", closed_on=received + timedelta(days=60)
        )
