import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ctip.audit.models import AuditEntry
from ctip.core.errors import Conflict
from ctip.plan import services
from ctip.plan.models import ItemReport

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def focal(make_user, agencies):
    return make_user("focal_point", agency="DMX")


@pytest.fixture
def coordinator(make_user, agencies):
    return make_user("coordinator", agency="MK")


def test_full_review_cycle_records_every_transition(report_factory, focal, coordinator):
    r = report_factory()
    r = services.submit_report(focal, r, version=r.version)
    r = services.return_report(coordinator, r, comment="Tarixləri dəqiqləşdirin.")
    assert r.status == "returned"
    r = services.submit_report(focal, r, version=r.version)
    r = services.approve_report(coordinator, r, version=r.version)
    assert r.status == "approved" and r.version == 5
    trail = [(t.from_status, t.to_status, t.actor) for t in r.transitions.all()]
    assert trail == [
        ("draft", "submitted", focal),
        ("submitted", "returned", coordinator),
        ("returned", "submitted", focal),
        ("submitted", "approved", coordinator),
    ]
    assert r.transitions.get(to_status="returned").comment == "Tarixləri dəqiqləşdirin."
    actions = list(
        AuditEntry.objects.filter(action__startswith="plan.").values_list("action", flat=True)
    )
    assert actions == [
        "plan.report.submit",
        "plan.report.return",
        "plan.report.submit",
        "plan.report.approve",
    ]


def test_return_needs_a_comment(report_factory, coordinator):
    r = report_factory(status="submitted")
    with pytest.raises(ValidationError, match="comment"):
        services.return_report(coordinator, r, comment="  ")
    r.refresh_from_db()
    assert r.status == "submitted" and not r.transitions.exists()


def test_reopen_approved_needs_comment_and_a_reviewer(report_factory, coordinator, focal):
    r = report_factory(status="approved")
    with pytest.raises(PermissionDenied):
        services.reopen_report(focal, r, comment="x")
    with pytest.raises(ValidationError):
        services.reopen_report(coordinator, r, comment="")
    r = services.reopen_report(coordinator, r, comment="Yeni məlumat daxil olub.")
    assert r.status == "returned"


def test_approved_report_is_locked(report_factory, focal, coordinator):
    r = report_factory(status="approved")
    for actor in (focal, coordinator):
        with pytest.raises(PermissionDenied):
            services.update_narrative(actor, r, narrative="yeni", version=r.version)


def test_focal_point_cannot_review_or_touch_other_agency(report_factory, focal, make_user):
    own = report_factory(status="submitted")
    with pytest.raises(PermissionDenied):
        services.approve_report(focal, own)
    other = report_factory(abbr="DİN", code="2.1.2")
    with pytest.raises(PermissionDenied):
        services.update_narrative(focal, other, narrative="x", version=other.version)
    with pytest.raises(PermissionDenied):
        services.submit_report(focal, other)
    analyst = make_user("analyst", agency="MK")
    with pytest.raises(PermissionDenied):
        services.submit_report(analyst, own)


def test_stale_version_is_refused_and_nothing_changes(report_factory, focal):
    r = report_factory()
    services.update_narrative(focal, r, narrative="Birinci redaktə.", version=1)
    with pytest.raises(Conflict) as exc:
        services.update_narrative(focal, r, narrative="Köhnə nüsxədən redaktə.", version=1)
    assert exc.value.current_version == 2
    r.refresh_from_db()
    assert r.narrative == "Birinci redaktə." and r.version == 2


def test_edit_reextracts_facts_and_search_text(report_factory, focal):
    r = report_factory()
    r = services.update_narrative(
        focal,
        r,
        version=r.version,
        narrative="2023-cü il 14 aprel tarixli 02/555 nömrəli məktub Gürcüstan tərəfinə "
        "göndərilmiş, 25 nəfər təlimə cəlb edilmişdir.",
    )
    types = set(r.facts.values_list("type", flat=True))
    assert {"date", "document", "country", "quantity"} <= types
    for f in r.facts.all():
        assert r.narrative[f.start : f.end] == f.text
    assert " gurcustan " in r.search_text
    assert AuditEntry.objects.filter(action="plan.report.edited").count() == 1


def test_submit_from_approved_is_refused(report_factory, focal):
    r = report_factory(status="approved")
    with pytest.raises((ValidationError, PermissionDenied)):
        services.submit_report(focal, r)
    assert ItemReport.objects.get(pk=r.pk).status == "approved"
