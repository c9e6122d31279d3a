"""Records' tables as XLSX and CSV: the page's rows with its filters, read back and compared."""

import datetime as dt

import pytest

from tests.core.spreadsheets import csv_rows, page_rows, xlsx_sheets

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(make_document):
    make_document("01/1", date=dt.date(2022, 3, 5), subject='=HYPERLINK("http://x","y")')
    make_document("02/7", date=dt.date(2022, 4, 1), kind="decision", subject="Qərar")
    make_document("03/2", date=dt.date(2021, 12, 30), agency="DİN", subject="Məktub ğüşıöçə")


def _get(client, url, fmt):
    r = client.get(url + ("&" if "?" in url else "?") + f"format={fmt}")
    assert r.status_code == 200
    assert f'.{fmt}"' in r["Content-Disposition"] and "attachment" in r["Content-Disposition"]
    return r.content


def test_document_registry_downloads_the_filtered_rows_of_the_page(documents, make_user, login_as):
    client = login_as(make_user("coordinator", agency=None))
    url = "/records/documents/?agency=DMX"
    page = client.get(url).content.decode()
    numbers_on_page = [row[0] for row in page_rows(page)]
    assert sorted(numbers_on_page) == ["01/1", "02/7"]
    assert "?agency=DMX&amp;format=xlsx" in page and "?agency=DMX&amp;format=csv" in page

    (rows,) = xlsx_sheets(_get(client, url, "xlsx")).values()
    header, body = rows[0], rows[1:]
    assert header[:3] == ["Nömrə", "Tarix", "Növ"]  # Azerbaijani, the default language
    assert [r[0] for r in body] == numbers_on_page
    by_number = {r[0]: r for r in body}
    assert by_number["01/1"][1] == dt.datetime(2022, 3, 5)  # a date cell, not text
    assert by_number["01/1"][header.index("Mövzu")] == '\'=HYPERLINK("http://x","y")'

    csv_body = csv_rows(_get(client, url, "csv"))[1:]
    assert [r[0] for r in csv_body] == numbers_on_page
    assert {r[0]: r[1] for r in csv_body}["02/7"] == "2022-04-01"


def test_headers_follow_the_users_language(documents, make_user, login_as):
    client = login_as(make_user("coordinator", agency=None))
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    (rows,) = xlsx_sheets(_get(client, "/records/documents/", "xlsx")).values()
    assert rows[0][:3] == ["Number", "Date", "Kind"]
    assert {r[2] for r in rows[1:]} >= {"Letter", "Decision"}


def test_activities_round_trip(make_activity, make_user, login_as):
    make_activity(title="Təlim bir", start=dt.date(2022, 5, 1))
    make_activity(title="-tədbir iki", start=dt.date(2022, 6, 2), kind="event")
    make_activity(title="Başqa agentlik", agency="DİN")
    client = login_as(make_user("coordinator", agency=None))
    url = "/records/activities/?agency=DMX"
    titles = [row[1] for row in page_rows(client.get(url).content.decode())]
    (rows,) = xlsx_sheets(_get(client, url, "xlsx")).values()
    title_col = 2  # start, end, title…
    assert [r[title_col] for r in rows[1:]] == ["'" + t if t.startswith("-") else t for t in titles]
    assert sorted(r[0] for r in rows[1:]) == [dt.datetime(2022, 5, 1), dt.datetime(2022, 6, 2)]
    assert len(csv_rows(_get(client, url, "csv"))) == 1 + len(titles)


def test_recommendations_round_trip_with_status_filter(make_user, login_as):
    from ctip.records.models import Recommendation

    Recommendation.objects.create(source="greta", year=2022, text="Açıq tövsiyə", status="open")
    Recommendation.objects.create(
        source="greta", year=2021, text="Yerinə yetirilib", status="implemented",
        due_date=dt.date(2023, 1, 31),
    )  # fmt: skip
    client = login_as(make_user("coordinator", agency=None))
    url = "/records/recommendations/?status=implemented"
    on_page = page_rows(client.get(url).content.decode())
    (rows,) = xlsx_sheets(_get(client, url, "xlsx")).values()
    assert len(rows) - 1 == len(on_page) == 1
    assert "Yerinə yetirilib" in rows[1] and dt.datetime(2023, 1, 31) in rows[1]
    assert csv_rows(_get(client, url, "csv"))[1][-1] == "2023-01-31"


def test_due_list_has_the_pages_three_tables(make_document, make_user, login_as):
    today = dt.date.today()
    make_document(
        "D/1", kind="resolution", date=today - dt.timedelta(days=60),
        due_date=today - dt.timedelta(days=3),
    )  # fmt: skip
    make_document(
        "D/2", kind="resolution", date=today - dt.timedelta(days=10),
        due_date=today + dt.timedelta(days=10), agency="DİN",
    )  # fmt: skip
    client = login_as(make_user("coordinator", agency=None))
    url = "/records/due/?agency=DMX"
    page = client.get(url).content.decode()
    assert [r for r in page_rows(page, 0) if "D/1" in r[1]] and "D/2" not in page
    sheets = xlsx_sheets(_get(client, url, "xlsx"))
    assert len(sheets) == 3
    docs = next(iter(sheets.values()))
    assert [r[3] for r in docs[1:]] == ["D/1"]
    assert docs[1][0] == dt.datetime.combine(today - dt.timedelta(days=3), dt.time())
    assert docs[1][1] == "müddəti keçib"  # overdue, in Azerbaijani
    assert "D/1" in _get(client, url, "csv").decode("utf-8-sig")


def test_a_big_table_is_built_by_a_job_not_in_the_request(
    documents, make_user, login_as, settings, run_queued
):
    from ctip.jobs.models import Job

    settings.CTIP_SPREADSHEET_JOB_ROWS = 1
    client = login_as(make_user("coordinator", agency=None))
    r = client.get("/records/documents/?agency=DMX&format=csv")
    job = Job.objects.get()
    assert r.status_code == 302 and r["Location"] == f"/jobs/{job.pk}/"
    assert job.kind == "spreadsheet" and job.status == Job.Status.QUEUED
    run_queued()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error
    assert job.result_name == "documents.csv"
    body = b"".join(client.get(f"/jobs/{job.pk}/download/").streaming_content)
    assert sorted(r[0] for r in csv_rows(body)[1:]) == ["01/1", "02/7"]  # the page's filter


def test_a_table_at_the_threshold_still_downloads_at_once(documents, make_user, login_as, settings):
    from ctip.jobs.models import Job

    settings.CTIP_SPREADSHEET_JOB_ROWS = 2
    client = login_as(make_user("coordinator", agency=None))
    assert len(csv_rows(_get(client, "/records/documents/?agency=DMX", "csv"))) == 3
    assert not Job.objects.exists()


def test_the_job_builds_only_what_its_owner_may_see(
    documents, make_user, login_as, settings, run_queued
):
    from ctip.jobs.models import Job

    settings.CTIP_SPREADSHEET_JOB_ROWS = 1
    owner = make_user("coordinator", agency=None)
    assert login_as(owner).get("/records/documents/?format=xlsx").status_code == 302
    owner.is_active = False  # lost the right to read the records meanwhile
    owner.save()
    run_queued()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and not job.result_path
