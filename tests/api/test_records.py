"""Issue 11, point 3: another agency's registry entry cannot be taken over.

The attack: `POST /api/v1/documents/` with the number, date and issuer of a letter another agency
registered (all visible in the registry) found that letter and added the caller's agency to its
recipients, after which the attachment download opened for the caller. The report import used
the same find-or-create, so a report citing another agency's letter changed it too.
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile

from ctip.plan.models import Agency
from ctip.records.models import Document

LETTER_DATE = dt.date(2022, 4, 12)


@pytest.fixture
def owners_letter(agencies):
    """DMX's entry of an incoming DİN letter, with an attached file and a recipient list."""
    dmx, din = Agency.objects.get(abbr="DMX"), Agency.objects.get(abbr="DİN")
    doc = Document.objects.create(
        kind="letter",
        number="7/311",
        date=LETTER_DATE,
        issuer=din,
        agency=dmx,
        direction="incoming",
        subject="Uydurma məktub (sınaq)",
        recipient_names="",
    )
    doc.recipients.set([dmx])
    doc.file.save("upload.pdf", ContentFile(b"%PDF-1.4\n% secret attachment\n"), save=True)
    doc.file_name, doc.file_type = "məktub.pdf", "pdf"
    doc.save()
    return Document.objects.get(pk=doc.pk)


def _state(doc: Document) -> dict:
    doc = Document.objects.get(pk=doc.pk)
    return {
        "recipients": sorted(doc.recipients.values_list("abbr", flat=True)),
        "recipient_names": doc.recipient_names,
        "subject": doc.subject,
        "plan_items": sorted(doc.plan_items.values_list("code", flat=True)),
        "agency": doc.agency.abbr,
        "updated": doc.updated,
    }


@pytest.mark.django_db
def test_api_post_of_another_agencys_letter_changes_nothing_and_opens_no_file(
    owners_letter, client_for
):
    before = _state(owners_letter)
    attacker = client_for("focal_point", "BP")
    response = attacker.post(
        "/api/v1/documents/",
        {
            "kind": "letter",
            "number": "7/311",
            "date": LETTER_DATE.isoformat(),
            "issuer": "DİN",
            "recipients": ["BP"],
            "recipient_names": "BP-nin şöbəsi",
            "subject": "ələ keçirildi",
        },
        content_type="application/json",
    )
    assert response.status_code in (200, 409), response.content
    assert _state(owners_letter) == before
    assert Document.objects.count() == 1
    download = attacker.get(f"/records/documents/{owners_letter.pk}/file/")
    assert download.status_code == 404
    # The owner still downloads it.
    owner = client_for("focal_point", "DMX")
    assert owner.get(f"/records/documents/{owners_letter.pk}/file/").status_code == 200


@pytest.mark.django_db
def test_register_document_for_another_agencys_entry_links_without_touching_it(
    owners_letter, make_user
):
    from ctip.records import permissions, services

    before = _state(owners_letter)
    bp_focal = make_user("focal_point", "BP")
    doc, created = services.register_document(
        bp_focal,
        kind="letter",
        number="7/311",
        date=LETTER_DATE,
        agency=bp_focal.agency,
        issuer=Agency.objects.get(abbr="DİN"),
        recipients=[bp_focal.agency],
        recipient_names="BP",
        subject="başqa mövzu",
    )
    assert doc.pk == owners_letter.pk and not created
    assert _state(owners_letter) == before
    assert not permissions.can_download(bp_focal, doc)
    assert not permissions.can_edit(bp_focal, doc)


REPORT = (
    "4.1.6-cı yarımbənd üzrə (Sınaq yarımbəndi):\n"
    "Daxili İşlər Nazirliyinin 12 aprel 2022-ci il tarixli 7/311 nömrəli məktubu əsasında "
    "uydurma maarifləndirmə tədbirləri keçirilmişdir.\n"
)


@pytest.mark.django_db
def test_importing_a_report_that_cites_the_letter_leaves_the_owners_entry_alone(
    owners_letter, make_user, tmp_path
):
    from ctip.plan import services as plan_services
    from ctip.plan.models import ItemReport
    from ctip.records import permissions

    plan, _ = plan_services.get_or_create_plan("NAP-2020-2024")
    plan_services.ensure_item(plan, "4.1.6", "Sınaq yarımbəndi", from_report=False)
    before = _state(owners_letter)
    report_file = tmp_path / "bp-2022.txt"
    report_file.write_text(REPORT, encoding="utf-8")
    bp_focal = make_user("focal_point", "BP")
    plan_services.import_report(
        bp_focal, report_file, plan="NAP-2020-2024", agency="BP", period="2022"
    )
    assert _state(owners_letter) == before
    assert Document.objects.count() == 1
    assert not permissions.can_download(bp_focal, owners_letter)
    # The citing report still points at the letter it cites.
    report = ItemReport.objects.get(agency__abbr="BP", item__code="4.1.6")
    assert list(report.documents.values_list("pk", flat=True)) == [owners_letter.pk]
