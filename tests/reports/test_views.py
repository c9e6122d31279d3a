def test_focal_point_downloads_own_agency_docx(small_plan, make_user, login_as):
    client = login_as(make_user("focal_point", agency="AAA"))
    assert client.get("/reports/").status_code == 200
    r = client.post(
        "/reports/",
        {
            "plan": "TEST-PLAN",
            "period": "2022",
            "agency": "AAA",
            "lang": "az",
            "format": "docx",
            "annex": "on",
        },
    )
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="TEST-PLAN_2022_AAA_az.docx"'
    assert r.content[:2] == b"PK"


def test_focal_point_cannot_download_another_agency_or_national(small_plan, make_user, login_as):
    client = login_as(make_user("focal_point", agency="AAA"))
    for agency in ("BBB", ""):
        r = client.post(
            "/reports/",
            {
                "plan": "TEST-PLAN",
                "period": "2022",
                "agency": agency,
                "lang": "az",
                "format": "html",
            },
        )
        assert r.status_code in (400, 403)
        assert "attachment" not in r.get("Content-Disposition", "")


def test_coordinator_downloads_consolidated_pdf_and_it_is_audited(small_plan, make_user, login_as):
    from ctip.audit.models import AuditEntry

    client = login_as(make_user("coordinator", agency=None))
    r = client.post(
        "/reports/",
        {"plan": "TEST-PLAN", "period": "2022", "agency": "", "lang": "en", "format": "pdf"},
    )
    assert r.status_code == 200 and r.content.startswith(b"%PDF")
    assert "national_en.pdf" in r["Content-Disposition"]
    assert AuditEntry.objects.filter(action="reports.generate").count() == 1


def test_unknown_period_is_a_form_error(small_plan, make_user, login_as):
    client = login_as(make_user("coordinator", agency=None))
    r = client.post(
        "/reports/", {"plan": "TEST-PLAN", "period": "1999", "lang": "az", "format": "html"}
    )
    assert r.status_code == 400


def test_case_worker_cannot_open_reports(small_plan, make_user, login_as):
    assert login_as(make_user("case_worker", agency="AAA")).get("/reports/").status_code == 403
