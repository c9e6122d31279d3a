"""Thin views over services and selectors. Names never go into URLs; purposes live in the session."""

import time
from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ctip.core import display
from ctip.core.errors import Conflict
from ctip.core.forms import errors_to_form, submit
from ctip.core.paging import capped_page, page_end
from ctip.core.params import date_param, int_param
from ctip.jobs import spreadsheets as sheet_jobs
from ctip.plan.models import Agency

from . import forms, permissions, selectors, services, tables
from .models import Case, Channel, Referral, Service
from .permissions import can, can_on_case, require

TRIAGE_PURPOSE = "triage of the intake"  # why the summary is read on the intake page (audited)
PURPOSE_TTL = 15 * 60  # seconds a stated purpose stays valid for one case
SESSION_KEY = "ctip_case_purpose"
CASES_PER_PAGE = 100  # the list is paged, newest first: a national list has 100,000 cases


def active_purpose(request, code: str) -> str | None:
    entry = request.session.get(SESSION_KEY, {}).get(code)
    if not entry or time.time() - entry[1] > PURPOSE_TTL:
        return None
    return entry[0]


def _set_purpose(request, code: str, purpose: str) -> None:
    store = {
        k: v
        for k, v in request.session.get(SESSION_KEY, {}).items()
        if time.time() - v[1] <= PURPOSE_TTL
    }
    store[code] = [purpose, time.time()]
    request.session[SESSION_KEY] = store


def needs_purpose(view):
    """Personal-data pages: ask for the purpose first (kept in the session for a short time)."""

    @wraps(view)
    def wrapper(request, code, *args, **kwargs):
        require(request.user, "person.view")
        if not selectors.cases_visible_to(request.user).filter(code=code).exists():
            raise Http404("no such case")  # before asking a purpose for a case out of reach
        purpose = active_purpose(request, code)
        if purpose is None:
            return redirect(reverse("cases:purpose", args=[code]) + f"?next={request.path}")
        request.access_purpose = purpose
        return view(request, code, *args, **kwargs)

    return wrapper


def _purpose_note(purpose: str) -> str:
    return _(
        "Purpose: %(purpose)s. Every change is written to the audit log with this purpose."
    ) % {"purpose": purpose}


def _form_page(request, form, *, title, case=None, intro="", button=None, status=200, danger=False):
    """A form page; `danger` draws the submit button as the risky action it is (never primary)."""
    context = {"form": form, "title": title, "case": case, "intro": intro, "danger": danger}
    context["button"] = button or _("Save")
    template = "cases/screen.html" if isinstance(form, forms.ScreeningForm) else "cases/form.html"
    return render(request, template, context, status=status)


# --- lists, search, stats ---------------------------------------------------------------------------


def case_list(request):
    require(request.user, "case.list")
    status = request.GET.get("status") or None
    channel = request.GET.get("channel") or None
    # read no further than the page's end, counted from the plain list (cheaper to count)
    number = request.GET.get("page")
    first = page_end(CASES_PER_PAGE, number)
    cases = capped_page(
        selectors.case_list(request.user, status=status, channel=channel, first=first),
        CASES_PER_PAGE,
        number,
        counted=selectors.cases_visible_to(request.user, status=status, channel=channel),
    )
    intakes = (
        selectors.intakes_visible_to(request.user).filter(status="new").order_by("received_on")[:50]
        if can(request.user, "intake.create")
        else []
    )
    return render(
        request,
        "cases/list.html",
        {
            "cases": cases,
            "intakes": intakes,
            "statuses": Case.Status.choices,
            "channels": Channel.choices,
            "status": status,
            "channel": channel,
            "search_form": forms.SearchForm() if can(request.user, "person.search") else None,
            "can_intake": can(request.user, "intake.create"),
        },
    )


@require_POST
def search(request):
    require(request.user, "person.search")
    form = forms.SearchForm(request.POST)
    results = None
    if form.is_valid():
        try:
            results = selectors.search_persons(
                request.user, form.cleaned_data["query"], purpose=form.cleaned_data["purpose"]
            )
        except ValidationError as exc:  # a read refused (too short a query): not a write
            errors_to_form(form, exc)
    return render(request, "cases/search.html", {"form": form, "results": results})


def stats(request):
    require(request.user, "stats.view")
    year = int_param(request.GET.get("year"), low=1900, high=2999)
    figures = selectors.case_figures(request.user, year=year)
    if sheet := sheet_jobs.download(request, lambda: tables.figures_table(figures)):
        return sheet
    return render(request, "cases/stats.html", {"figures": figures})


AUDIT_PAGE_SIZE = 50


def audit_log(request):
    filters = {
        "who": (request.GET.get("who") or "").strip()[:150],
        "action": request.GET.get("action") or "",
        "case": (request.GET.get("case") or "").strip()[:40],
        "date_from": date_param(request.GET.get("from")),
        "date_to": date_param(request.GET.get("to")),
    }
    entries = selectors.audit_entries_visible_to(request.user, **filters)
    page = capped_page(entries, AUDIT_PAGE_SIZE, request.GET.get("page"))
    return render(
        request,
        "cases/audit.html",
        {"page": page, "filters": filters, "actions": display.AUDIT_ACTIONS.items()},
    )


def permission_matrix(request):
    roles, rows = permissions.matrix_table()
    return render(
        request,
        "cases/permissions.html",
        {"roles": roles, "rows": rows, "receiver_actions": sorted(permissions.RECEIVER_ACTIONS)},
    )


# --- intake and triage -------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def intake_create(request):
    """One person block to start with; "add another person" adds one in the browser, or without
    JavaScript draws the form again with what was typed and one more block."""
    require(request.user, "intake.create")
    form, persons = forms.intake_forms(request.POST or None)
    if "add_person" in request.POST:
        form, persons = forms.with_another_person(form, persons)
        done = None
    else:
        done = submit(
            request,
            form,
            lambda d: services.register_intake(
                request.user, **d, persons=forms.persons_entered(persons)
            ),
            then=lambda intake: redirect("cases:intake", pk=intake.pk),
            success=_("Intake registered."),
            valid=request.method == "POST" and persons.is_valid(),
        )
    return done or render(request, "cases/intake_form.html", {"form": form, "persons": persons})


@require_http_methods(["GET", "POST"])
def intake_detail(request, pk):
    intake = selectors.intake_for(request.user, pk)
    form = forms.TriageForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda d: services.triage_intake(
            request.user,
            intake,
            open_case=d["decision"] == "open_case",
            closure_reason=d["closure_reason"],
        ),
        then=lambda case: _triaged(request, case),
    )
    if done:
        return done
    summary = (
        selectors.intake_summary(request.user, intake, purpose=TRIAGE_PURPOSE)
        if intake.status == intake.Status.NEW
        else ""
    )
    return render(
        request, "cases/intake.html", {"intake": intake, "form": form, "summary": summary}
    )


def _triaged(request, case: Case | None) -> HttpResponse:
    if case:
        messages.success(request, _("Case %(code)s opened.") % {"code": case.code})
        return redirect("cases:detail", code=case.code)
    messages.success(request, _("Intake closed."))
    return redirect("cases:list")


# --- case pages ----------------------------------------------------------------------------------------


def case_detail(request, code):
    case = selectors.case_for(request.user, code)
    purpose = active_purpose(request, code) if can(request.user, "person.view") else None
    persons = (
        selectors.persons_with_personal_data(request.user, case, purpose=purpose)
        if purpose
        else list(case.persons.all())
    )
    context = _detail_context(request.user, case, persons, purpose)
    intake = getattr(case, "intake", None)
    context["summary"] = (
        selectors.intake_summary(request.user, intake, purpose=purpose) if purpose else ""
    )
    return render(request, "cases/detail.html", context)


def _detail_context(user, case, persons, purpose) -> dict:
    """What the case page shows and offers, every flag from the permission module."""
    is_open = case.status != Case.Status.CLOSED

    def may(action: str) -> bool:
        return can_on_case(user, case, action)

    return {
        "case": case,
        "persons": persons,
        "purpose": purpose,
        "can_edit": may("case.edit") and is_open,
        "can_service": may("case.service") and is_open,
        "can_edit_persons": may("person.edit") and not case.anonymized_at,
        "can_add_person": may("person.edit") and is_open,
        "can_close": may("case.close") and is_open,
        "can_transfer": permissions.can_transfer(user, case) and is_open,
        "can_view_persons": may("person.view"),
        "decidable": {r.pk for r in case.referrals.all() if permissions.can_decide(user, r)},
        "updatable": {s.pk for s in case.services.all() if permissions.can_update_service(user, s)},
    }


@require_http_methods(["GET", "POST"])
def purpose(request, code):
    case = selectors.case_for(request.user, code, "person.view")
    form = forms.PurposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _set_purpose(request, case.code, form.cleaned_data["purpose"])
        target = request.POST.get("next") or request.GET.get("next") or ""
        if not url_has_allowed_host_and_scheme(
            target, allowed_hosts={request.get_host()}
        ) or not target.startswith(f"/cases/{case.code}/"):
            target = reverse("cases:detail", args=[case.code])
        return redirect(target)
    return render(
        request,
        "cases/purpose.html",
        {"case": case, "form": form, "next": request.GET.get("next", "")},
    )


@needs_purpose
def person_detail(request, code, uid):
    case = selectors.case_for(request.user, code, "person.view")
    persons = selectors.persons_with_personal_data(
        request.user, case, purpose=request.access_purpose
    )
    person = next((p for p in persons if str(p.uid) == str(uid)), None)
    if person is None:
        raise Http404("no such person in this case")
    return render(
        request,
        "cases/person.html",
        {
            "case": case,
            "person": person,
            "purpose": request.access_purpose,
            "can_edit": can(request.user, "person.edit") and not person.anonymized,
        },
    )


@needs_purpose
@require_http_methods(["GET", "POST"])
def person_new(request, code):
    """Another person in an existing case (e.g. a second victim found at the screening)."""
    case = selectors.case_for(request.user, code, "person.edit")
    form = forms.PersonForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and form.is_blank():
        form.add_error(None, _("Enter at least a name, a date of birth or another detail."))
    done = submit(
        request,
        form,
        lambda d: services.add_person(request.user, case, purpose=request.access_purpose, **d),
        then=lambda person: _added(request, person, code),
    )
    return done or _form_page(
        request,
        form,
        case=case,
        title=_("Add a person to the case"),
        intro=_purpose_note(request.access_purpose),
    )


def _added(request, person, code: str) -> HttpResponse:
    messages.success(request, _("Person %(p)s added.") % {"p": person.label})
    return redirect("cases:detail", code=code)


@needs_purpose
@require_http_methods(["GET", "POST"])
def person_edit(request, code, uid):
    """Correct or complete a person's data; only the changed fields are written and audited."""
    case = selectors.case_for(request.user, code, "person.edit")
    person = selectors.person_with_personal_data(
        request.user, case, uid, purpose=request.access_purpose, action="person.edit"
    )
    if person.anonymized:
        raise Http404("anonymized")
    form = forms.PersonEditForm(request.POST or None, initial=forms.person_initial(person))
    status = 200
    if request.method == "POST" and form.is_valid() and not forms.changed_person_data(form):
        messages.info(request, _("Nothing was changed."))
        return redirect("cases:detail", code=code)
    try:
        done = submit(
            request,
            form,
            lambda d: services.update_person(
                request.user,
                person,
                purpose=request.access_purpose,
                version=d["version"],
                **forms.changed_person_data(form),
            ),
            then=redirect("cases:detail", code=code),
            success=_("The data of %(p)s was saved.") % {"p": person.label},
        )
    except Conflict as exc:
        done, form, status = None, _stale_person_form(request, exc), 409
    return done or _form_page(
        request,
        form,
        case=case,
        title=_("Personal data of %(p)s") % {"p": person.label},
        intro=_purpose_note(request.access_purpose),
        status=status,
    )


def _stale_person_form(request, exc: Conflict):
    """The user's text again, with the current version (saving again overwrites, knowingly)."""
    data = request.POST.copy()
    data["version"] = exc.current_version
    form = forms.PersonEditForm(data)
    form.is_valid()
    form.add_error(None, str(exc))
    return form


@needs_purpose
@require_http_methods(["GET", "POST"])
def screen(request, code, uid):
    case = selectors.case_for(request.user, code, "case.edit")
    person = get_object_or_404(case.persons, uid=uid)
    iset = services.current_indicator_set()
    form = forms.ScreeningForm(request.POST or None, indicator_set=iset)
    done = submit(
        request,
        form,
        lambda data: services.screen_person(
            request.user,
            person,
            outcome=data["outcome"],
            observed=form.observed(),
            notes=data["notes"],
            purpose=request.access_purpose,
            indicator_set=iset,
        ),
        then=redirect("cases:detail", code=code),
        success=_("Screening saved."),
    )
    return done or _form_page(
        request,
        form,
        case=case,
        intro=str(iset),
        title=_("Screening of %(p)s") % {"p": person.label},
    )


@require_http_methods(["GET", "POST"])
def details(request, code):
    case = selectors.case_for(request.user, code, "case.edit")
    form = forms.DetailsForm(
        request.POST or None,
        initial={
            "exploitation": case.exploitation,
            "control_methods": case.control_methods,
            "country_of_exploitation": case.country_of_exploitation,
            "recruiter_relation": case.recruiter_relation,
        },
    )
    done = submit(
        request,
        form,
        lambda data: services.set_case_details(request.user, case, **data),
        then=redirect("cases:detail", code=code),
    )
    return done or _form_page(request, form, case=case, title=_("Exploitation and control"))


@require_http_methods(["GET", "POST"])
def refer(request, code):
    case = selectors.case_for(request.user, code, "case.edit")
    form = forms.ReferralForm(request.POST or None, case=case)
    done = submit(
        request,
        form,
        lambda data: services.refer_case(request.user, case, **data),
        then=redirect("cases:detail", code=code),
        success=_("Referral recorded."),
    )
    return done or _form_page(request, form, case=case, title=_("Referral"))


@require_http_methods(["GET", "POST"])
def decision(request, code, pk):
    case = selectors.case_for(request.user, code, "case.decide")
    referral = get_object_or_404(
        Referral.objects.select_related("to_agency", "case").filter(
            permissions.referrals_visible_q(request.user, case)
        ),
        pk=pk,
        case=case,
    )
    form = forms.DecisionForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.record_decision(request.user, referral, **data),
        then=redirect("cases:detail", code=code),
    )
    return done or _form_page(
        request, form, case=case, title=_("Decision of %(a)s") % {"a": referral.to_agency.abbr}
    )


@require_http_methods(["GET", "POST"])
def service_new(request, code):
    case = selectors.case_for(request.user, code, "case.service")
    form = forms.ServiceForm(
        request.POST or None, case=case, persons=case.persons.all(), **_providers(request, case)
    )
    done = submit(
        request,
        form,
        lambda data: services.add_service(request.user, case, **data),
        then=redirect("cases:detail", code=code),
        success=_("Service added."),
    )
    return done or _form_page(request, form, case=case, title=_("Protection service"))


@require_http_methods(["GET", "POST"])
def service_edit(request, code, uid):
    """End date, outcome and provider of a protection service."""
    case = selectors.case_for(request.user, code, "case.service")
    service = get_object_or_404(
        Service.objects.select_related("provider", "case"), case=case, uid=uid
    )
    if not permissions.can_update_service(request.user, service):
        raise PermissionDenied
    form = forms.ServiceUpdateForm(
        request.POST or None, service=service, **_providers(request, case)
    )
    done = submit(
        request,
        form,
        lambda data: services.update_service(request.user, service, **data),
        then=redirect("cases:detail", code=code),
        success=_("Service updated."),
    )
    intro = _("%(service)s, started %(start)s") % {
        "service": service.get_type_display(),
        "start": service.start.isoformat(),
    }
    return done or _form_page(request, form, case=case, title=_("Update the service"), intro=intro)


def _providers(request, case) -> dict:
    """A receiving agency provides its services itself: the form offers only its agency."""
    if permissions.relation(request.user, case) == permissions.RECEIVER:
        return {"providers": Agency.objects.filter(pk=request.user.agency_id)}
    return {}


@require_http_methods(["GET", "POST"])
def transfer(request, code):
    """The owner hands the case over to another agency (its own audited action)."""
    case = selectors.case_for(request.user, code, "case.transfer")
    if not permissions.can_transfer(request.user, case):
        raise PermissionDenied
    form = forms.TransferForm(request.POST or None, case=case)
    done = submit(
        request,
        form,
        lambda d: services.transfer_case(request.user, case, **d),
        then=lambda _case: _handed_over(request, case, form.cleaned_data["to_agency"]),
    )
    return done or _form_page(
        request,
        form,
        case=case,
        title=_("Hand the case over to another agency"),
        intro=_(
            "The other agency becomes the owner of the case and its persons' data; "
            "your agency keeps no access unless the case is referred back to it."
        ),
        button=_("Hand over"),
    )


def _handed_over(request, case: Case, agency: Agency) -> HttpResponse:
    messages.success(
        request,
        _("Case %(code)s was handed over to %(agency)s.")
        % {"code": case.code, "agency": agency.abbr},
    )
    return redirect("cases:list")


@require_http_methods(["GET", "POST"])
def close(request, code):
    case = selectors.case_for(request.user, code, "case.close")
    form = forms.CloseForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.close_case(request.user, case, reason=data["reason"]),
        then=redirect("cases:detail", code=code),
        success=_("Case closed."),
    )
    return done or _form_page(
        request, form, case=case, title=_("Close the case"), button=_("Close"), danger=True
    )
