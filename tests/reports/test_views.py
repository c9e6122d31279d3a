def _post_and_run(client, run_queued, data):
    """Post the form: it answers with the job's page; run the job as the worker would."""
    r = client.post("/reports/", data)
    assert r.status_code == 302 and r["Location"].startswith("/jobs/")
    run_queued()
    return r["Location"]


def test_focal_point_downloads_own_agency_docx(small_plan, make_user, login_as, run_queued):
    client = login_as(make_user("focal_point", agency="AAA"))
    assert client.get("/reports/").status_code == 200
    data = {"plan": "TEST-PLAN", "period": "2022", "agency": "AAA", "lang": "az"}
    page = _post_and_run(client, run_queued, data | {"format": "docx", "annex": "on"})
    assert f"{page}download/" in client.get(page).content.decode()
    r = client.get(f"{page}download/")
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="TEST-PLAN_2022_AAA_az.docx"'
    assert b"".join(r.streaming_content)[:2] == b"PK"


def test_the_request_only_enqueues(small_plan, make_user, login_as):
    from ctip.audit.models import AuditEntry
    from ctip.jobs.models import Job

    client = login_as(make_user("focal_point", agency="AAA"))
    data = {"plan": "TEST-PLAN", "period": "2022", "agency": "AAA", "lang": "az", "format": "pdf"}
    r = client.post("/reports/", data)
    job = Job.objects.get()
    assert r["Location"] == f"/jobs/{job.pk}/"
    assert job.status == Job.Status.QUEUED and job.kind == "report"
    assert job.params["agency"] == "AAA" and job.params["format"] == "pdf"
    assert not AuditEntry.objects.filter(action="reports.generate").exists()


def test_report_result_is_for_its_owner_only(small_plan, make_user, login_as, run_queued):
    owner = make_user("focal_point", agency="AAA")
    data = {"plan": "TEST-PLAN", "period": "2022", "agency": "AAA", "lang": "az", "format": "html"}
    page = _post_and_run(login_as(owner), run_queued, data)
    colleague = login_as(make_user("focal_point", agency="AAA"))
    assert colleague.get(page).status_code == 404
    assert colleague.get(f"{page}download/").status_code == 404
    coordinator = login_as(make_user("coordinator", agency=None))
    assert coordinator.get(f"{page}download/").status_code == 404


def test_job_refuses_when_the_owner_lost_the_right_meanwhile(
    small_plan, make_user, login_as, run_queued
):
    from ctip.jobs.models import Job

    owner = make_user("focal_point", agency="AAA")
    data = {"plan": "TEST-PLAN", "period": "2022", "agency": "AAA", "lang": "az", "format": "html"}
    login_as(owner).post("/reports/", data)
    owner.agency = None
    owner.save()
    run_queued()
    job = Job.objects.get()
    assert job.status == Job.Status.FAILED and job.error and not job.result_path


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


def test_coordinator_downloads_consolidated_pdf_and_it_is_audited(
    small_plan, make_user, login_as, run_queued
):
    from ctip.audit.models import AuditEntry
    from ctip.jobs.models import Job

    client = login_as(make_user("coordinator", agency=None))
    data = {"plan": "TEST-PLAN", "period": "2022", "agency": "", "lang": "en", "format": "pdf"}
    page = _post_and_run(client, run_queued, data)
    job = Job.objects.get()
    assert job.status == Job.Status.DONE and job.progress == 100
    r = client.get(f"{page}download/")
    assert r.status_code == 200 and b"".join(r.streaming_content).startswith(b"%PDF")
    assert "national_en.pdf" in r["Content-Disposition"]
    assert AuditEntry.objects.filter(action="reports.generate").count() == 1
    assert AuditEntry.objects.filter(action="jobs.download").count() == 1


def test_unknown_period_is_a_form_error(small_plan, make_user, login_as):
    client = login_as(make_user("coordinator", agency=None))
    r = client.post(
        "/reports/", {"plan": "TEST-PLAN", "period": "1999", "lang": "az", "format": "html"}
    )
    assert r.status_code == 400


def test_case_worker_cannot_open_reports(small_plan, make_user, login_as):
    assert login_as(make_user("case_worker", agency="AAA")).get("/reports/").status_code == 403
