"""Bad input is refused with a form error and nothing half-written."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from ctip.records.models import Activity, Document

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def _pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def _docx_bytes() -> bytes:
    import docx

    d = docx.Document()
    d.add_paragraph("Sınaq sənədi")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _zip_bomb() -> bytes:
    """A zip whose word/document.xml expands to 200 MB of zeros, written in streaming chunks."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = b"\0" * (4 * 1024 * 1024)
            for _ in range(50):
                fh.write(chunk)
    return buf.getvalue()


@pytest.fixture
def focal(agencies, make_user, login_as):
    user = make_user("focal_point", agency="DMX")
    return user, login_as(user)


def _doc_data(user, **extra):
    data = {
        "agency": user.agency_id,
        "kind": "letter",
        "direction": "outgoing",
        "number": "02/416",
        "date": "2022-03-05",
        "issuer": user.agency_id,
        "subject": "Rəy",
    }
    data.update(extra)
    return data


def test_duplicate_number_is_a_form_error_and_no_second_row(focal):
    user, client = focal
    assert client.post("/records/documents/new/", _doc_data(user)).status_code == 302
    response = client.post("/records/documents/new/", _doc_data(user, number=" 02 / 416 "))
    assert response.status_code == 200
    assert "already registered" in str(response.context["form"].non_field_errors())
    assert Document.objects.filter(number="02/416").count() == 1


def test_same_number_from_free_text_issuer_differs_only_by_case_is_a_duplicate(focal):
    user, client = focal
    data = _doc_data(user, issuer="", issuer_name="Bakı Şəhər İcra Hakimiyyəti", number="15")
    assert client.post("/records/documents/new/", data).status_code == 302
    data["issuer_name"] = "bakı şəhər icra hakimiyyəti"
    response = client.post("/records/documents/new/", data)
    assert response.status_code == 200
    assert Document.objects.filter(number="15").count() == 1


def test_null_issuer_does_not_escape_uniqueness(agencies):
    import datetime as dt

    from django.db import IntegrityError, transaction

    from ctip.plan.models import Agency

    dmx = Agency.objects.get(abbr="DMX")
    Document.objects.create(kind="letter", number="1", date=dt.date(2022, 1, 1), agency=dmx)
    with pytest.raises(IntegrityError), transaction.atomic():
        Document.objects.create(kind="letter", number="1", date=dt.date(2022, 1, 1), agency=dmx)


@pytest.mark.parametrize(
    "name,content,message",
    [
        ("report.pdf", b"MZ\x90\x00" + b"\0" * 200, "not a PDF"),
        ("letter.docx", "Bu sadəcə mətndir".encode() * 10, "not a Word document"),
        ("tool.exe", b"MZ\x90\x00", "Only PDF and DOCX"),
        ("broken.pdf", b"%PDF-1.7\n garbage without xref", "damaged"),
    ],
)
def test_disguised_attachments_are_refused(focal, name, content, message):
    user, client = focal
    upload = SimpleUploadedFile(name, content)
    response = client.post("/records/documents/new/", _doc_data(user, upload=upload))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors["upload"])
    assert not Document.objects.exists()


def test_zip_without_document_xml_is_refused(focal):
    user, client = focal
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "salam")
    response = client.post(
        "/records/documents/new/",
        _doc_data(user, upload=SimpleUploadedFile("x.docx", buf.getvalue())),
    )
    assert "not a Word document" in str(response.context["form"].errors["upload"])


def test_oversized_attachment_is_refused(focal, settings):
    """Refused by the site-wide upload limit (400/413) and again by the service itself."""
    from django.core.exceptions import ValidationError

    from ctip.records.services import create_document

    user, client = focal
    settings.CTIP_MAX_UPLOAD_BYTES = 1000
    big = _pdf_bytes() + b"\n%" + b"x" * 2000
    response = client.post(
        "/records/documents/new/", _doc_data(user, upload=SimpleUploadedFile("big.pdf", big))
    )
    assert response.status_code in (200, 400, 413)
    if response.status_code == 200:
        assert "larger than" in str(response.context["form"].errors["upload"])
    with pytest.raises(ValidationError, match="larger than"):
        create_document(
            user,
            agency=user.agency,
            kind="letter",
            number="9/9",
            date=dt.date(2022, 1, 1),
            upload=SimpleUploadedFile("big.pdf", big),
        )
    assert not Document.objects.exists()


def test_docx_zip_bomb_is_refused(focal):
    user, client = focal
    bomb = _zip_bomb()
    assert len(bomb) < 2 * 1024 * 1024
    response = client.post(
        "/records/documents/new/", _doc_data(user, upload=SimpleUploadedFile("bomb.docx", bomb))
    )
    assert response.status_code == 200
    assert "unsafe size" in str(response.context["form"].errors["upload"])
    assert not Document.objects.exists()


def test_valid_pdf_is_stored_privately_and_downloaded_as_attachment(
    focal, settings, make_user, login_as
):
    user, client = focal
    response = client.post(
        "/records/documents/new/",
        _doc_data(user, upload=SimpleUploadedFile("Rəy məktubu.pdf", _pdf_bytes())),
    )
    assert response.status_code == 302
    doc = Document.objects.get()
    assert doc.file_type == "pdf" and doc.file_name == "Rəy məktubu.pdf"
    assert doc.file.name.startswith("records/documents/") and "Rəy" not in doc.file.name
    download = client.get(f"/records/documents/{doc.pk}/file/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    other = login_as(make_user("focal_point", agency="DİN"))
    assert other.get(f"/records/documents/{doc.pk}/file/").status_code == 404


def test_valid_docx_is_accepted(focal):
    user, client = focal
    response = client.post(
        "/records/documents/new/",
        _doc_data(user, upload=SimpleUploadedFile("rey.docx", _docx_bytes())),
    )
    assert response.status_code == 302
    assert Document.objects.get().file_type == "docx"


def _activity_data(user, period, **extra):
    data = {
        "agency": user.agency_id,
        "kind": "training",
        "title": "Təlim",
        "start": "2022-05-10",
        "end": "2022-05-11",
        "period": period.pk,
        "narrative_az": "Təlim keçirilmişdir.",
        "p-TOTAL_FORMS": "1",
        "p-INITIAL_FORMS": "0",
        "p-MIN_NUM_FORMS": "0",
        "p-MAX_NUM_FORMS": "1000",
        "p-0-agency": user.agency_id,
        "p-0-women": "4",
        "p-0-men": "6",
        "p-0-total": "10",
    }
    data.update(extra)
    return data


def test_activity_dates_outside_the_period_are_a_form_error(focal, plan_2022):
    user, client = focal
    response = client.post(
        "/records/activities/new/",
        _activity_data(user, plan_2022, start="2021-12-30", end="2022-01-02"),
    )
    assert response.status_code == 200
    assert "reporting period" in str(response.context["form"].errors["start"])
    assert not Activity.objects.exists()


def test_activity_end_before_start_is_a_form_error(focal, plan_2022):
    user, client = focal
    response = client.post(
        "/records/activities/new/",
        _activity_data(user, plan_2022, start="2022-05-10", end="2022-05-01"),
    )
    assert "end" in response.context["form"].errors
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    "extra,field",
    [
        ({"number_trained": "11"}, "number_trained"),
        ({"pre_test_avg": "101"}, "pre_test_avg"),
        ({"post_test_avg": "-1"}, "post_test_avg"),
        ({"trainer_rating": "6"}, "trainer_rating"),
        ({"people_reached": "-5"}, "people_reached"),
    ],
)
def test_activity_counts_and_averages_are_checked(focal, plan_2022, extra, field):
    user, client = focal
    response = client.post("/records/activities/new/", _activity_data(user, plan_2022, **extra))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Activity.objects.exists()


def test_participation_total_below_women_plus_men_is_refused(focal, plan_2022):
    user, client = focal
    response = client.post(
        "/records/activities/new/", _activity_data(user, plan_2022, **{"p-0-total": "3"})
    )
    assert response.status_code == 200
    assert not Activity.objects.exists()


def test_the_due_list_shows_the_soonest_tasks_a_page_at_a_time(
    make_document, make_user, login_as, monkeypatch
):
    monkeypatch.setattr("ctip.records.views.PAGE_SIZE", 3)
    start = dt.date(2022, 1, 10)
    for i in range(7):
        make_document(f"7/{i}", due_date=start + dt.timedelta(days=i), subject=f"Tapşırıq {i}")
    client = login_as(make_user("coordinator", agency=None))
    with translation.override("en"):
        first = client.get("/records/due/?agency=DMX", headers={"Accept-Language": "en"})
        third = client.get("/records/due/?agency=DMX&page=3")
    first, third = first.content.decode(), third.content.decode()
    assert [f"№ 7/{i}" in first for i in range(7)] == [True] * 3 + [False] * 4
    assert "Page 1 of 3" in first or "Səhifə 1 / 3" in first
    assert "№ 7/6" in third and "№ 7/5" not in third and "page=2" in third
    assert "agency=DMX" in third  # the pager keeps the filter
