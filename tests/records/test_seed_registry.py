"""Importing the real 2022 DMX report fills the registry: every numbered document once, linked."""

import datetime as dt

import pytest

from ctip.records.models import Document

pytestmark = pytest.mark.django_db


def _import(seed_path):
    """Import the seed through the plan's import service; the registry fills itself."""
    from ctip.plan.services import import_report

    import_report(
        None, seed_path, plan="NAP-2020-2024", agency="DMX", period="2022", status="submitted"
    )


def _numbered_document_facts():
    from ctip.plan.models import Fact

    return [
        (f.report.item.code, f.data)
        for f in Fact.objects.filter(type="document").select_related("report__item")
        if f.data.get("number")
    ]


def _doc(number, kind, date, issuer=None):
    qs = Document.objects.filter(number=number, kind=kind, date=date)
    if issuer:
        qs = qs.filter(issuer__abbr=issuer)
    assert qs.count() == 1, (number, list(qs))
    return qs.get()


def test_every_numbered_document_of_the_seed_is_registered_once(agencies, seed_path):
    _import(seed_path)
    facts = _numbered_document_facts()
    assert len(facts) >= 15
    for code, data in facts:
        doc = Document.objects.get(
            number=data["number"], kind=data["kind"], date=dt.date.fromisoformat(data["date"])
        )
        assert doc.plan_items.filter(code=code).exists(), (code, data["number"])
        assert doc.item_reports.filter(item__code=code).exists()
    assert Document.objects.count() == len({(d["number"], d["kind"], d["date"]) for _, d in facts})


def test_a_second_import_creates_no_duplicates(agencies, seed_path):
    _import(seed_path)
    before = sorted(Document.objects.values_list("issuer_key", "kind", "number", "date"))
    links = Document.plan_items.through.objects.count()
    _import(seed_path)
    assert sorted(Document.objects.values_list("issuer_key", "kind", "number", "date")) == before
    assert Document.plan_items.through.objects.count() == links


def test_pinned_documents_of_the_seed(agencies, seed_path):
    _import(seed_path)
    letter = _doc("02/416", "letter", dt.date(2022, 3, 5), issuer="DMX")
    assert letter.plan_items.filter(code="4.1.9").exists()
    assert letter.direction == "outgoing"
    assert letter.recipients.filter(abbr="NK").exists()

    resolution = _doc("4969/29644aid (2021)", "resolution", dt.date(2022, 2, 26), issuer="NK")
    assert resolution.direction == "incoming"
    assert resolution.plan_items.filter(code="4.1.9").exists()

    prosecutor = _doc("06/2231", "letter", dt.date(2022, 12, 3))
    assert prosecutor.recipients.filter(abbr="BP").exists()
    assert prosecutor.plan_items.filter(code="4.3.5").exists()
    assert prosecutor.direction == "outgoing"

    for number in ("02/270", "02/271", "02/272"):
        doc = _doc(number, "letter", dt.date(2022, 2, 17))
        assert doc.plan_items.filter(code="4.3.3").exists()
        assert doc.direction == "outgoing"

    order = _doc("26", "order", dt.date(2018, 3, 5), issuer="DMX")
    assert order.plan_items.filter(code="4.8.4").exists()

    for number in ("131", "252", "123", "377", "378", "445"):
        doc = Document.objects.get(number=number, kind="decision")
        assert doc.issuer.abbr == "NK"
        assert doc.plan_items.filter(code="4.1.6").exists()


def test_documents_without_a_number_are_skipped(agencies, seed_path):
    from ctip.plan.models import ItemReport
    from ctip.records.services import sync_documents_from_report

    _import(seed_path)
    results = [sync_documents_from_report(None, r) for r in ItemReport.objects.all()]
    assert not any(r.created or r.newly_linked for r in results)  # the import did it all
    assert sum(r.skipped.count("no number") for r in results) >= 1
    assert not Document.objects.filter(number="").exists()


def test_api_finds_a_document_by_number(agencies, seed_path, make_user, client):
    _import(seed_path)
    client.force_login(make_user("analyst", agency="MK"))
    response = client.get("/api/v1/documents/", {"number": "02/416"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["number"] == "02/416" and row["kind"] == "letter" and row["date"] == "2022-03-05"
    assert "4.1.9" in row["plan_items"]
    assert (
        client.get("/api/v1/documents/", {"item": "4.3.3", "kind": "letter"}).json()["count"] == 3
    )
