"""/api/v1 for the action plan: plans, items, item reports (+ workflow actions) and search.

Same rules as the pages: reads go through ctip.plan.selectors, writes through ctip.plan.services.
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter
from rest_framework.serializers import BaseSerializer

from ctip.accounts.models import User
from ctip.accounts.types import AnyUser
from ctip.api import schema  # noqa: F401 - registers the bearer scheme
from ctip.api.catalogue import require_coordinator
from ctip.api.inputs import DeclaredQueryMixin, IdField, StrictSerializer
from ctip.api.schema import may_answer, only_for
from ctip.api.users import user_of
from ctip.api.versions import IDEMPOTENCY_KEY, IF_MATCH, check_if_match, idempotent, with_etag
from ctip.plan import permissions, selectors, services
from ctip.plan.catalogue import importer
from ctip.plan.catalogue import services as catalogue_services
from ctip.plan.catalogue.services import LANGS
from ctip.plan.models import (
    ActionPlan,
    Agency,
    DeadlineKind,
    Fact,
    Indicator,
    ItemExecutor,
    ItemReport,
    PlanItem,
    PlanVersion,
    ReportingPeriod,
    ReportTransition,
)
from ctip.plan.text import mask_text, masked_offset, overlaps

# Attributes set on an ItemReport instance while it is serialized: its masked narrative (cached),
# its person spans and its facts as plain rows (a list page attaches both in one query).
MASKED = "_ctip_masked"
PII_SPANS = "pii_spans"
FACT_ROWS = "fact_rows"

FactRow = dict[str, Any]


def _masked(report: ItemReport) -> tuple[str, list[tuple[int, int]]]:
    """(narrative with each person span replaced by one fixed mask token, the merged spans)."""
    cached: tuple[str, list[tuple[int, int]]] | None = getattr(report, MASKED, None)
    if cached is None:
        spans = getattr(report, PII_SPANS, None)
        if spans is None:
            spans = list(Fact.objects.filter(report=report, pii=True).values_list("start", "end"))
        cached = mask_text(report.narrative, spans)
        setattr(report, MASKED, cached)
    return cached


def masked_narrative(report: ItemReport, user: AnyUser) -> str:
    """The narrative as `user` may read it: person spans replaced by a fixed token (the mask
    does not keep the name's length) for roles without need-to-know."""
    if permissions.sees_pii(user):
        return report.narrative
    return _masked(report)[0]


def masked_fact_rows(report: ItemReport, rows: Sequence[FactRow], user: AnyUser) -> list[FactRow]:
    """Fact rows with spans into masked_narrative; a fact touching a masked name is left out
    (its text would show the name)."""
    if permissions.sees_pii(user):
        return list(rows)
    _text, merged = _masked(report)
    return [
        {
            **r,
            "start": masked_offset(r["start"], merged),
            "end": masked_offset(r["end"], merged),
        }
        for r in rows
        if not overlaps(r["start"], r["end"], merged)
    ]


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "abbr", "name_az", "name_en", "name_ru", "kind", "responsible"]


class PlanSerializer(serializers.ModelSerializer):
    previous = serializers.SlugRelatedField[ActionPlan](read_only=True, slug_field="code")
    versions = serializers.SerializerMethodField()

    class Meta:
        model = ActionPlan
        fields = [
            "id",
            "code",
            "title",
            "start_year",
            "end_year",
            "approved_by_kind",
            "approved_by_number",
            "approved_on",
            "is_current",
            "report_due_days",
            "by_agreement_owes",
            "previous",
            "versions",
        ]

    def get_versions(self, obj: ActionPlan) -> int:
        return obj.versions.count()


class PlanSettingsInput(StrictSerializer):
    report_due_days = serializers.IntegerField(min_value=0, max_value=366)
    by_agreement_owes = serializers.BooleanField()
    previous = serializers.CharField(required=False, allow_blank=True, help_text="plan code")


class PlanImportInput(StrictSerializer):
    file = serializers.FileField(help_text="the plan's document, DOCX or PDF")
    code = serializers.CharField(required=False, allow_blank=True, max_length=40)
    act_date = serializers.DateField(required=False, allow_null=True)
    dry_run = serializers.BooleanField(required=False, default=False)


PLAN_IMPORT_RESULT = inline_serializer(
    "PlanImportResult",
    {
        "code": serializers.CharField(),
        "title": serializers.CharField(),
        "version": serializers.IntegerField(allow_null=True, help_text="null: nothing changed"),
        "dry_run": serializers.BooleanField(),
        "act": serializers.JSONField(),
        "counts": serializers.JSONField(),
        "changes": serializers.JSONField(),
        "unresolved": serializers.JSONField(),
        "notes": serializers.ListField(child=serializers.CharField()),
    },
)


class PeriodSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReportingPeriod
        fields = ["id", "code", "year", "half", "start", "end"]


class ExecutorSerializer(serializers.Serializer):
    agency = serializers.CharField(source="agency.abbr")
    name = serializers.CharField(source="name_in_plan", help_text="the name the plan uses")
    by_agreement = serializers.BooleanField()


class PlanItemSerializer(serializers.ModelSerializer):
    responsible = serializers.SlugRelatedField[Agency](many=True, read_only=True, slug_field="abbr")
    plan = serializers.SlugRelatedField[ActionPlan](read_only=True, slug_field="code")
    executors = ExecutorSerializer(many=True, read_only=True)
    other_executors = serializers.JSONField(
        read_only=True, help_text="general categories and unknown bodies: [{kind, text}]"
    )
    deadline_kind = serializers.ChoiceField(
        choices=DeadlineKind.choices, allow_blank=True, read_only=True
    )
    removed_in = serializers.SlugRelatedField[PlanVersion](read_only=True, slug_field="number")
    indicators = serializers.PrimaryKeyRelatedField[Indicator](many=True, read_only=True)

    class Meta:
        model = PlanItem
        fields = [
            "id",
            "plan",
            "code",
            "level",
            "parent",
            "title_az",
            "title_en",
            "title_ru",
            "deadline",
            "from_report",
            "responsible",
            "executors",
            "other_executors",
            "executors_text",
            "deadline_kind",
            "deadline_start",
            "deadline_end",
            "expected_result",
            "removed_in",
            "indicators",
        ]
        read_only_fields = [
            "code",
            "level",
            "parent",
            "from_report",
            "deadline_kind",
            "deadline_start",
        ]


class PlanItemInput(StrictSerializer):
    title_az = serializers.CharField(required=False)
    title_en = serializers.CharField(required=False, allow_blank=True)
    title_ru = serializers.CharField(required=False, allow_blank=True)
    executors_text = serializers.CharField(
        required=False, allow_blank=True, help_text="as the plan writes them; read like the plan"
    )
    deadline = serializers.CharField(required=False, allow_blank=True, max_length=300)
    expected_result = serializers.CharField(required=False, allow_blank=True)


class FactSerializer(serializers.ModelSerializer):
    type = serializers.ChoiceField(choices=Fact.Type.choices, read_only=True)

    class Meta:
        model = Fact
        fields = ["type", "text", "start", "end", "data"]


class TransitionSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField[User](read_only=True, slug_field="username")

    class Meta:
        model = ReportTransition
        fields = ["from_status", "to_status", "actor", "at", "comment"]


class ItemReportSerializer(serializers.ModelSerializer):
    item = serializers.SlugRelatedField[PlanItem](read_only=True, slug_field="code")
    item_id = serializers.IntegerField(read_only=True)
    agency = serializers.SlugRelatedField[Agency](read_only=True, slug_field="abbr")
    period = serializers.SlugRelatedField[ReportingPeriod](read_only=True, slug_field="code")
    plan = serializers.SerializerMethodField()
    narrative = serializers.SerializerMethodField()
    status = serializers.ChoiceField(choices=ItemReport.Status.choices, read_only=True)
    facts = serializers.SerializerMethodField()

    class Meta:
        model = ItemReport
        fields = [
            "id",
            "plan",
            "item",
            "item_id",
            "agency",
            "period",
            "status",
            "version",
            "narrative",
            "source",
            "created",
            "updated",
            "facts",
        ]

    def get_plan(self, obj: ItemReport) -> str:
        return obj.item.plan.code if hasattr(obj.item, "plan") else ""

    def get_narrative(self, obj: ItemReport) -> str:
        return masked_narrative(obj, self.context["request"].user)

    @extend_schema_field(FactSerializer(many=True))
    def get_facts(self, obj: ItemReport) -> list[FactRow]:
        user = self.context["request"].user
        rows: list[FactRow] | None = getattr(obj, FACT_ROWS, None)  # a list page's plain rows
        if rows is None and "facts" in getattr(obj, "_prefetched_objects_cache", {}):
            rows = fact_rows(obj.facts.all())  # visible facts, prefetched
        if rows is None:
            rows = fact_rows(selectors.facts_visible_to(user).filter(report=obj).order_by("start"))
        return masked_fact_rows(obj, rows, user)


def fact_rows(facts: QuerySet[Fact]) -> list[FactRow]:
    """Facts as FactSerializer writes them."""
    return FactSerializer(facts, many=True).data  # type: ignore[return-value]  # many=True gives a ReturnList; the stub says ReturnDict


class ItemReportDetailSerializer(ItemReportSerializer):
    transitions = TransitionSerializer(many=True, read_only=True)

    class Meta(ItemReportSerializer.Meta):
        fields = [*ItemReportSerializer.Meta.fields, "transitions"]


class NarrativeInput(StrictSerializer):
    narrative = serializers.CharField(allow_blank=True, max_length=200_000, trim_whitespace=False)
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="the version read (409 if stale); or send If-Match (412 if stale)",
    )


class ActionInput(StrictSerializer):
    version = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=2**31 - 1,
        help_text="the version read (409 if stale)",
    )
    comment = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class PlanItemQuery(serializers.Serializer):
    plan = serializers.CharField(required=False, max_length=100, help_text="plan code or id")
    code = serializers.CharField(required=False, max_length=40, help_text="item code, e.g. 4.1.6")
    level = serializers.ChoiceField(
        choices=[1, 2, 3], required=False, help_text="1 direction, 2 section, 3 sub-item"
    )


class ItemReportQuery(serializers.Serializer):
    item = IdField(required=False, help_text="plan item id")
    agency = serializers.CharField(required=False, max_length=100, help_text="abbreviation or id")
    period = serializers.CharField(required=False, max_length=20, help_text="2022 or 2022-H1")
    status = serializers.ChoiceField(choices=ItemReport.Status.choices, required=False)
    plan = serializers.CharField(required=False, max_length=100, help_text="plan code")


class SearchQuery(serializers.Serializer):
    q = serializers.CharField(max_length=200, allow_blank=True, help_text="words to find")
    period = serializers.CharField(required=False, max_length=20, help_text="2022 or 2022-H1")
    agency = serializers.CharField(required=False, max_length=100, help_text="abbreviation")
    offset = serializers.IntegerField(required=False, min_value=0, max_value=10**6, default=0)
    limit = serializers.IntegerField(required=False, min_value=1, max_value=100, default=20)


class PlanViewSet(DeclaredQueryMixin, viewsets.ReadOnlyModelViewSet):
    """Action plans. The coordinator's office loads a plan from its document (`import`), marks
    the current plan and sets its reporting rule."""

    queryset = ActionPlan.objects.all()
    serializer_class = PlanSerializer

    @extend_schema(
        request={"multipart/form-data": PlanImportInput},
        responses={200: PLAN_IMPORT_RESULT, 201: PLAN_IMPORT_RESULT},
        parameters=[IDEMPOTENCY_KEY],
    )
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser])
    @only_for("the national coordinator's office")
    @idempotent
    def import_(self, request: Request) -> Response:
        """Load a plan from its document; `dry_run` gives the preview. Same document again:
        version null (nothing changed)."""
        require_coordinator(request)
        data = PlanImportInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        upload = d["file"]
        with tempfile.NamedTemporaryFile(suffix=Path(upload.name).suffix.lower()) as fh:
            for chunk in upload.chunks():
                fh.write(chunk)
            fh.flush()
            summary = importer.import_plan(
                user_of(request),
                fh.name,
                code=d.get("code") or None,
                act_date=d.get("act_date"),
                dry_run=d["dry_run"],
                source_name=Path(upload.name).name[:120],
            )
        return Response(
            {
                "code": summary.code,
                "title": summary.title,
                "version": summary.version,
                "dry_run": summary.dry_run,
                "act": summary.act,
                "counts": summary.counts(),
                "changes": summary.changes,
                "unresolved": summary.unresolved,
                "notes": summary.notes,
            },
            status=status.HTTP_201_CREATED if summary.version and not d["dry_run"] else 200,
        )

    @extend_schema(request=None, responses=PlanSerializer)
    @action(detail=True, methods=["post"])
    @only_for("the national coordinator's office")
    def current(self, request: Request, pk: str | None = None) -> Response:
        """Make this the current plan (the one pages and reports open on)."""
        require_coordinator(request)
        plan = services.set_current_plan(user_of(request), self.get_object())
        return Response(PlanSerializer(plan).data)

    @extend_schema(request=PlanSettingsInput, responses=PlanSerializer)
    @action(detail=True, methods=["post"], url_path="settings")
    @only_for("the national coordinator's office")
    def settings_(self, request: Request, pk: str | None = None) -> Response:
        """The reporting rule: days after a period's end a report is due; whether executors
        "by agreement" owe reports; the previous plan."""
        require_coordinator(request)
        plan = self.get_object()
        data = PlanSettingsInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        previous = None
        if d.get("previous"):
            previous = ActionPlan.objects.filter(code__iexact=d["previous"]).first()
            if previous is None:
                raise exceptions.ValidationError({"previous": [_("no such plan")]})
        plan = catalogue_services.update_plan_settings(
            user_of(request),
            plan,
            report_due_days=d["report_due_days"],
            by_agreement_owes=d["by_agreement_owes"],
            previous=previous,
        )
        return Response(PlanSerializer(plan).data)


class PlanItemViewSet(
    DeclaredQueryMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Directions, sections and sub-items with executors, deadlines and expected results. PATCH
    (the coordinator's office) edits titles in az/en/ru, executors, deadline and expected
    result; every change is audited."""

    serializer_class = PlanItemSerializer
    http_method_names = ["get", "patch", "head", "options"]
    query_serializers = {"list": PlanItemQuery}

    @extend_schema(request=PlanItemInput, responses=PlanItemSerializer)
    @only_for("the national coordinator's office")
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_coordinator(request)
        item = self.get_object()
        data = PlanItemInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        titles = {lang: d.get(f"title_{lang}", getattr(item, f"title_{lang}")) for lang in LANGS}
        extra = {}
        if item.level == 3:
            extra = {k: d[k] for k in ("deadline", "expected_result", "executors_text") if k in d}
        catalogue_services.edit_item(user_of(request), item, titles=titles, **extra)
        return Response(self.get_serializer(self.get_queryset().get(pk=item.pk)).data)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not kwargs.get("partial"):
            raise exceptions.MethodNotAllowed("PUT")
        return self.partial_update(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[PlanItem]:
        qs = (
            PlanItem.objects.select_related("plan", "removed_in")
            .prefetch_related(
                "responsible",
                Prefetch("executors", queryset=ItemExecutor.objects.select_related("agency")),
                "indicators",
            )
            .order_by("plan_id", "sort_key")
        )
        p = self.query
        if p.get("plan"):
            qs = (
                qs.filter(plan__id=int(p["plan"]))
                if p["plan"].isdigit() and len(p["plan"]) < 19
                else qs.filter(plan__code__iexact=p["plan"])
            )
        if p.get("code"):
            qs = qs.filter(code=p["code"])
        if p.get("level"):
            qs = qs.filter(level=p["level"])
        return qs


class ItemReportViewSet(
    DeclaredQueryMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Item reports with their facts. PATCH the narrative with the version you read (409 if
    stale); POST submit/return/approve/reopen to move it along the review workflow."""

    http_method_names = ["get", "patch", "post", "head", "options"]
    query_serializers = {"list": ItemReportQuery}

    def get_serializer_class(self) -> type[BaseSerializer[ItemReport]]:
        if self.action == "retrieve":
            return ItemReportDetailSerializer
        return ItemReportSerializer

    def get_queryset(self) -> QuerySet[ItemReport]:
        user = self.request.user
        if getattr(self, "swagger_fake_view", False):
            return ItemReport.objects.none()
        if self.action in ("partial_update", "update", "submit", "return_", "approve", "reopen"):
            return selectors.writable_reports(user)
        p = self.query
        qs = selectors.reports_visible_to(user).select_related("item__plan")
        if self.action == "list":  # a page's facts are attached as plain rows in paginate_queryset
            return self._filter(qs, p)
        qs = qs.prefetch_related(
            Prefetch("facts", queryset=selectors.facts_visible_to(user).order_by("start"))
        )
        if not permissions.sees_pii(user):
            qs = qs.prefetch_related(
                Prefetch(
                    "facts",
                    queryset=Fact.objects.filter(pii=True).only("id", "report_id", "start", "end"),
                    to_attr="pii_facts",
                )
            )
        if self.action == "retrieve":
            qs = qs.prefetch_related("transitions__actor")
        return self._filter(qs, p)

    def _filter(self, qs: QuerySet[ItemReport], p: dict[str, Any]) -> QuerySet[ItemReport]:
        if p.get("item"):
            qs = qs.filter(item_id=p["item"])
        if p.get("agency"):
            if p["agency"].isdigit() and len(p["agency"]) < 19:
                qs = qs.filter(agency_id=int(p["agency"]))
            else:
                agency = selectors.agency_named(p["agency"])
                qs = qs.filter(agency=agency) if agency is not None else qs.none()
        if p.get("period"):  # resolved to ids first so the period index drives the query
            qs = qs.filter(
                period_id__in=list(
                    ReportingPeriod.objects.filter(code__iexact=p["period"]).values_list(
                        "id", flat=True
                    )
                )
            )
        if p.get("status"):
            qs = qs.filter(status=p["status"])
        if p.get("plan"):
            qs = qs.filter(
                period__plan_id__in=list(
                    ActionPlan.objects.filter(code__iexact=p["plan"]).values_list("id", flat=True)
                )
            )
        return qs.order_by("id")

    def paginate_queryset(  # DRF's signature; here a page of ItemReports
        self, queryset: QuerySet[Any, Any] | Sequence[Any]
    ) -> list[Any] | None:
        page = super().paginate_queryset(queryset)
        if page is not None:
            self._attach_fact_rows(page)
        return page

    def _attach_fact_rows(self, reports: Sequence[ItemReport]) -> None:
        """Facts of a list page in one query as plain dicts (what FactSerializer gives), with the
        person spans for masking. Prefetched Fact instances would point back at their report:
        thousands of reference cycles per page, left for the slow full garbage collection."""
        sees_pii = permissions.sees_pii(self.request.user)
        rows: defaultdict[int, list[FactRow]] = defaultdict(list)
        spans: defaultdict[int, list[tuple[int, int]]] = defaultdict(list)
        facts = (
            Fact.objects.filter(report_id__in=[r.pk for r in reports])
            .order_by("start", "id")
            .values_list("report_id", "type", "text", "start", "end", "data", "pii")
        )
        for report_id, type_, text, start, end, data, pii in facts:
            if pii and not sees_pii:
                spans[report_id].append((start, end))
                continue
            rows[report_id].append(
                {"type": type_, "text": text, "start": start, "end": end, "data": data}
            )
        for r in reports:
            setattr(r, FACT_ROWS, rows.get(r.pk, []))
            if not sees_pii:
                setattr(r, PII_SPANS, spans.get(r.pk, []))

    def _attach_pii(self, reports: Sequence[ItemReport]) -> None:
        for r in reports:
            if hasattr(r, "pii_facts"):
                setattr(r, PII_SPANS, [(f.start, f.end) for f in r.pii_facts])

    @extend_schema(responses={200: ItemReportDetailSerializer})
    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One report with its facts and workflow history; `ETag` carries its version."""
        obj = self.get_object()
        self._attach_pii([obj])
        return with_etag(Response(self.get_serializer(obj).data), obj.version)

    def _reload(self, report: ItemReport) -> Response:
        self.action = "retrieve"
        obj = self.get_queryset().get(pk=report.pk)
        self._attach_pii([obj])
        data = ItemReportDetailSerializer(obj, context=self.get_serializer_context()).data
        return with_etag(Response(data), obj.version)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        raise exceptions.MethodNotAllowed("PUT")

    @extend_schema(
        request=NarrativeInput, responses=ItemReportDetailSerializer, parameters=[IF_MATCH]
    )
    @may_answer(409, 412)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Replace the narrative (its facts are read again). Say which version you edited:
        `If-Match` (412 if stale) or `version` in the body (409 if stale)."""
        report = self.get_object()
        data = NarrativeInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        matched = check_if_match(request, report.version)
        version = matched if matched is not None else d.get("version")
        if version is None:
            raise exceptions.ValidationError(
                {
                    "version": [
                        exceptions.ErrorDetail(_("Send the version read, or If-Match."), "required")
                    ]
                }
            )
        report = services.update_narrative(
            user_of(request), report, narrative=d["narrative"], version=version
        )
        return self._reload(report)

    def _action(self, request: Request, name: str) -> Response:
        report = self.get_object()
        data = ActionInput(data=request.data)
        data.is_valid(raise_exception=True)
        matched = check_if_match(request, report.version)
        report = services.transition(
            user_of(request),
            report,
            name,
            version=matched if matched is not None else data.validated_data.get("version"),
            comment=data.validated_data.get("comment", ""),
        )
        return self._reload(report)

    @extend_schema(request=ActionInput, responses=ItemReportDetailSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    @only_for("the reporting agency's focal point")
    @may_answer(409, 412)
    def submit(self, request: Request, pk: str | None = None) -> Response:
        """Send a draft or returned report for review."""
        return self._action(request, "submit")

    @extend_schema(request=ActionInput, responses=ItemReportDetailSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"], url_path="return", url_name="return")
    @only_for("reviewers (the coordinator's office)")
    @may_answer(409, 412)
    def return_(self, request: Request, pk: str | None = None) -> Response:
        """Send a submitted report back to its agency; a comment is required."""
        return self._action(request, "return")

    @extend_schema(request=ActionInput, responses=ItemReportDetailSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    @only_for("reviewers (the coordinator's office)")
    @may_answer(409, 412)
    def approve(self, request: Request, pk: str | None = None) -> Response:
        """Approve a submitted report."""
        return self._action(request, "approve")

    @extend_schema(request=ActionInput, responses=ItemReportDetailSerializer, parameters=[IF_MATCH])
    @action(detail=True, methods=["post"])
    @only_for("reviewers (the coordinator's office)")
    @may_answer(409, 412)
    def reopen(self, request: Request, pk: str | None = None) -> Response:
        """Reopen an approved report for changes."""
        return self._action(request, "reopen")


class SearchViewSet(DeclaredQueryMixin, viewsets.ViewSet):
    """Search sub-item titles and report narratives (case-, diacritic- and suffix-tolerant)."""

    query_serializers = {"list": SearchQuery}
    schema_single_object = True  # one object with its lists, not a list

    @extend_schema(
        responses=inline_serializer(
            "SearchResult",
            {
                "items": inline_serializer(
                    "SearchItem",
                    {
                        "id": serializers.IntegerField(),
                        "code": serializers.CharField(),
                        "title": serializers.CharField(),
                    },
                    many=True,
                ),
                "results": inline_serializer(
                    "SearchHit",
                    {
                        "id": serializers.IntegerField(),
                        "item": serializers.CharField(),
                        "agency": serializers.CharField(),
                        "period": serializers.CharField(),
                        "status": serializers.CharField(),
                        "snippet": serializers.CharField(
                            help_text="escaped HTML, matches in <mark>"
                        ),
                    },
                    many=True,
                ),
                "has_more": serializers.BooleanField(),
            },
        ),
    )
    def list(self, request: Request) -> Response:
        p = self.query
        q, offset, limit = p.get("q", "").strip(), p["offset"], p["limit"]
        plan = selectors.default_plan()
        period = agency = None
        if p.get("period") and plan:
            period = ReportingPeriod.objects.filter(plan=plan, code__iexact=p["period"]).first()
        if p.get("agency"):
            agency = selectors.agency_named(p["agency"])
        items, hits, has_more = selectors.search(
            request.user, q, period=period, agency=agency, offset=offset, limit=limit
        )
        return Response(
            {
                "items": [{"id": i.pk, "code": i.code, "title": i.title} for i in items],
                "results": [
                    {
                        "id": h.report.pk,
                        "item": h.report.item.code,
                        "agency": h.report.agency.abbr,
                        "period": h.report.period.code,
                        "status": h.report.status,
                        "snippet": h.snippet,
                    }
                    for h in hits
                ],
                "has_more": has_more,
            }
        )


def register(router: BaseRouter) -> None:
    router.register("plans", PlanViewSet, basename="plan")
    router.register("plan-items", PlanItemViewSet, basename="plan-item")
    router.register("item-reports", ItemReportViewSet, basename="item-report")
    router.register("search", SearchViewSet, basename="search")
