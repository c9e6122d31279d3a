import datetime as dt

import pytest

from ctip.reports.suggestions import suggest_sentences


@pytest.fixture
def report_with_records(small_plan):
    from ctip.plan.models import Agency, ItemReport
    from ctip.records.models import Activity, Document

    report = ItemReport.objects.get(item__code="4.1.6", agency__abbr="AAA")
    report.narrative = (
        "2022-ci il 5 mart tarixli 02/416 nömrəli məktubla məlumat verilmişdir.\n\n"
        "2022-ci il 3 may tarixdə təlim keçirilmişdir."
    )
    report.save()
    a = report.agency
    cab = Agency.objects.create(abbr="NK", name_az="Nazirlər Kabineti")
    mentioned = Document.objects.create(
        kind="letter", direction="outgoing", number="02/416", date=dt.date(2022, 3, 5), agency=a
    )
    new = Document.objects.create(
        kind="letter",
        direction="outgoing",
        number="02/777",
        date=dt.date(2022, 4, 7),
        agency=a,
        subject="Sınaq mövzusu",
    )
    new.recipients.add(cab)
    other_year = Document.objects.create(
        kind="letter", number="9/1", date=dt.date(2021, 4, 7), agency=a
    )
    for d in (mentioned, new, other_year):
        d.plan_items.add(report.item)
    t_old = Activity.objects.create(
        kind="training",
        start=dt.date(2022, 5, 3),
        agency=a,
        title="Köhnə təlim",
        narrative_az="-",
        number_trained=10,
    )
    t_new = Activity.objects.create(
        kind="training",
        start=dt.date(2022, 6, 9),
        agency=a,
        title="İnsan alverinin indikatorları",
        narrative_az="-",
        number_trained=25,
    )
    for t in (t_old, t_new):
        t.plan_items.add(report.item)
    return report


def test_suggests_only_records_of_the_period_not_yet_mentioned(report_with_records):
    texts = [s.text for s in suggest_sentences(report_with_records)]
    assert texts == [
        "2022-ci il 7 aprel tarixli 02/777 nömrəli məktubla “Sınaq mövzusu” mövzusunda məlumat "
        "Nazirlər Kabineti ünvanına ünvanlanmışdır.",
        "2022-ci il 9 iyun tarixdə keçirilmiş “İnsan alverinin indikatorları” mövzusunda təlimdə "
        "25 əməkdaş iştirak etmişdir.",
    ]


def test_suggestions_never_change_the_report(report_with_records):
    before = (report_with_records.narrative, report_with_records.version)
    suggest_sentences(report_with_records)
    report_with_records.refresh_from_db()
    assert (report_with_records.narrative, report_with_records.version) == before


def test_suggestions_partial_for_own_focal_point_only(report_with_records, make_user, login_as):
    url = f"/reports/suggestions/{report_with_records.pk}/"
    page = login_as(make_user("focal_point", agency="AAA")).get(url)
    assert page.status_code == 200
    assert b'data-suggestion="2022-ci il 7 aprel' in page.content
    assert b"<script>" not in page.content


def test_suggestions_partial_refuses_other_agencies(report_with_records, make_user, client):
    client.force_login(make_user("focal_point", agency="BBB"))
    assert client.get(f"/reports/suggestions/{report_with_records.pk}/").status_code == 404
