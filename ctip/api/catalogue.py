"""/api/v1 for the plan itself (issue 15): versions, reporting obligations and indicators.

Read for every logged-in user (the catalogue is no secret inside the national system); writes
for the national coordinator's office, through ctip.plan.catalogue.services. Plans and plan items
(with executors and deadlines) are in ctip.api.plan.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from ctip.accounts.models import User
from ctip.api import schema  # noqa: F401 - registers the bearer scheme
from ctip.api.inputs import DeclaredQueryMixin, StrictModelSerializer, StrictSerializer
from ctip.api.schema import may_answer, only_for
from ctip.api.users import user_of
from ctip.api.versions import IDEMPOTENCY_KEY, idempotent
from ctip.plan import permissions
from ctip.plan import selectors as plan_selectors
from ctip.plan.catalogue import selectors, services
from ctip.plan.catalogue.obligations import STATES, Obligation
from ctip.plan.models import (
    ActionPlan,
    Agency,
    Indicator,
    IndicatorValue,
    PlanItem,
    PlanVersion,
    ReportingPeriod,
)


def require_coordinator(request: Request) -> None:
    if not permissions.can_edit_catalogue(request.user):
        raise exceptions.PermissionDenied


def plan_from_param(value: str | None) -> ActionPlan | None:
    """A plan by id or code (None when there is no such plan); the current plan when not given.
    As everywhere in the API, a filter that names nothing gives an empty list, not an error."""
    if not value:
        return selectors.default_plan()
    if value.isdigit():
        return ActionPlan.objects.filter(pk=int(value)).first() if len(value) < 19 else None
    return ActionPlan.objects.filter(code__iexact=value).first()


class PlanVersionSerializer(serializers.ModelSerializer):
    plan = serializers.SlugRelatedField[ActionPlan](read_only=True, slug_field="code")
    created_by = serializers.SlugRelatedField[User](read_only=True, slug_field="username")
    changes = serializers.JSONField(
        read_only=True, help_text="[{code, level, change: added|changed|removed, title, fields}]"
    )

    class Meta:
        model = PlanVersion
        fields = [
            "id",
            "plan",
            "number",
            "act_kind",
            "act_number",
            "act_date",
            "source_name",
            "created",
            "created_by",
            "changes",
        ]


class PlanQuery(serializers.Serializer):
    plan = serializers.CharField(required=False, max_length=100, help_text="code or id")


class PlanVersionViewSet(DeclaredQueryMixin, viewsets.ReadOnlyModelViewSet):
    """Versions of a plan: 1 as approved, then one per amending act, with their differences."""

    serializer_class = PlanVersionSerializer
    query_serializers = {"list": PlanQuery}

    def get_queryset(self) -> QuerySet[PlanVersion]:
        qs = PlanVersion.objects.select_related("plan", "created_by").order_by("plan_id", "number")
        value = self.query.get("plan")
        if value:
            plan = plan_from_param(value)
            qs = qs.filter(plan=plan) if plan is not None else qs.none()
        return qs


class ObligationSerializer(serializers.Serializer):
    item = serializers.CharField(source="item_code")
    item_id = serializers.IntegerField()
    agency = serializers.CharField(source="agency_abbr")
    period = serializers.CharField(source="period_code")
    due = serializers.DateField()
    by_agreement = serializers.BooleanField()
    state = serializers.ChoiceField(choices=STATES)
    overdue = serializers.SerializerMethodField()
    report_id = serializers.IntegerField(allow_null=True)
    reason = serializers.CharField(source="waiver_reason", allow_null=True)

    def get_overdue(self, obj: Obligation) -> bool:
        return obj.overdue(self.context["today"])


class ObligationQuery(serializers.Serializer):
    plan = serializers.CharField(
        required=False, max_length=100, help_text="code or id (default: current)"
    )
    period = serializers.CharField(required=False, max_length=20, help_text="2022 or 2022-H1")
    agency = serializers.CharField(required=False, max_length=100, help_text="abbreviation")
    state = serializers.ChoiceField(choices=[*STATES, "overdue"], required=False)


class ObligationKeyInput(StrictSerializer):
    item = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="plan item id")
    agency = serializers.CharField(help_text="agency abbreviation")
    period = serializers.CharField(help_text="period code, e.g. 2022")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ObligationViewSet(DeclaredQueryMixin, viewsets.GenericViewSet):
    """Who owes which report on which sub-item for which period, by when (computed from the
    plan's executors, deadlines and reporting rule). `state=overdue` gives the reports owed and
    past their due date: the list reminders are sent from."""

    serializer_class = ObligationSerializer
    query_serializers = {"list": ObligationQuery}

    @extend_schema(responses=ObligationSerializer(many=True))
    def list(self, request: Request) -> Response:
        p = self.query
        state = p.get("state") or None
        plan = plan_from_param(p.get("plan"))
        period = agency = None
        if plan is not None and p.get("period"):
            period = ReportingPeriod.objects.filter(plan=plan, code__iexact=p["period"]).first()
        if p.get("agency"):
            agency = plan_selectors.agency_named(p["agency"])
        unknown = (p.get("period") and period is None) or (p.get("agency") and agency is None)
        rows = (
            []
            if plan is None or unknown
            else selectors.obligation_rows(
                user_of(request), plan, period=period, agency=agency, state=state
            )
        )
        page = self.paginate_queryset(rows)
        ctx = {"today": timezone.localdate()}
        return self.get_paginated_response(ObligationSerializer(page, many=True, context=ctx).data)

    def _keys(self, request: Request) -> tuple[PlanItem, Agency, ReportingPeriod, str]:
        require_coordinator(request)
        data = ObligationKeyInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        item = get_object_or_404(PlanItem, pk=d["item"], level=3)
        agency = _agency_or_404(d["agency"])
        period = get_object_or_404(ReportingPeriod, plan_id=item.plan_id, code__iexact=d["period"])
        return item, agency, period, d.get("reason", "")

    @extend_schema(request=ObligationKeyInput, responses={204: None})
    @action(detail=False, methods=["post"])
    @only_for("the national coordinator's office")
    @may_answer(404)
    def waive(self, request: Request) -> Response:
        """Mark an obligation "not applicable" (a reason is required)."""
        item, agency, period, reason = self._keys(request)
        services.waive_obligation(user_of(request), item, agency, period, reason=reason)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=ObligationKeyInput, responses={204: None})
    @action(detail=False, methods=["post"])
    @only_for("the national coordinator's office")
    @may_answer(404)
    def restore(self, request: Request) -> Response:
        """Undo a "not applicable"."""
        item, agency, period, _reason = self._keys(request)
        services.restore_obligation(user_of(request), item, agency, period)
        return Response(status=status.HTTP_204_NO_CONTENT)


class IndicatorValueSerializer(serializers.ModelSerializer):
    period = serializers.SlugRelatedField[ReportingPeriod](read_only=True, slug_field="code")
    agency = serializers.SlugRelatedField[Agency](read_only=True, slug_field="abbr")
    entered_by = serializers.SlugRelatedField[User](read_only=True, slug_field="username")

    class Meta:
        model = IndicatorValue
        fields = ["period", "agency", "value", "source", "source_note", "entered_by", "entered_at"]


class TargetsField(serializers.DictField):
    """An indicator's targets: {year: value}, read from its IndicatorTarget rows."""

    def to_representation(self, value: Any) -> dict[str, str]:
        return {str(t.year): f"{t.value:.2f}" for t in value.all()}


PROGRESS = inline_serializer(
    "IndicatorProgress",
    {
        "year": serializers.IntegerField(),
        "target": serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True),
        "achieved": serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True),
        "percent": serializers.FloatField(allow_null=True),
    },
    many=True,
)


class IndicatorSerializer(StrictModelSerializer):
    item = serializers.SlugRelatedField[PlanItem](read_only=True, slug_field="code")
    item_id = serializers.PrimaryKeyRelatedField(
        source="item", queryset=PlanItem.objects.filter(level=3), write_only=True
    )
    targets = TargetsField(
        child=serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True),
        required=False,
        help_text='target per year, e.g. {"2022": 20}; null removes a year',
    )
    values = IndicatorValueSerializer(many=True, read_only=True)
    progress = serializers.SerializerMethodField()

    class Meta:
        model = Indicator
        fields = [
            "id",
            "item",
            "item_id",
            "name_az",
            "name_en",
            "name_ru",
            "unit",
            "baseline",
            "baseline_year",
            "source",
            "targets",
            "values",
            "progress",
        ]

    @extend_schema_field(PROGRESS)
    def get_progress(self, obj: Indicator) -> list[dict[str, Any]]:
        return [
            {
                "year": r.year,
                "target": None if r.target is None else str(r.target),
                "achieved": None if r.actual is None else str(r.actual),
                "percent": r.percent,
            }
            for r in selectors.indicator_progress(obj)
        ]


class IndicatorValueInput(StrictSerializer):
    period = serializers.CharField(help_text="period code")
    agency = serializers.CharField(help_text="agency abbreviation")
    value = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)
    suggestion = serializers.CharField(
        required=False, allow_blank=True, help_text="key of the accepted suggestion, if any"
    )


SUGGESTION = inline_serializer(
    "IndicatorSuggestion",
    {
        "key": serializers.CharField(),
        "value": serializers.DecimalField(max_digits=14, decimal_places=2),
        "note": serializers.CharField(),
    },
    many=True,
)


class IndicatorQuery(PlanQuery):
    item = serializers.CharField(
        required=False, max_length=40, help_text="sub-item code, e.g. 4.2.1"
    )


class SuggestionQuery(serializers.Serializer):
    period = serializers.CharField(max_length=20, help_text="period code")
    agency = serializers.CharField(required=False, max_length=100, help_text="abbreviation")


class IndicatorViewSet(
    DeclaredQueryMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Indicators of sub-items with their targets per year, values and progress. Writes: the
    coordinator; a period's value: the reporting agency or the coordinator."""

    serializer_class = IndicatorSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    query_serializers = {"list": IndicatorQuery, "suggestions": SuggestionQuery}

    def get_queryset(self) -> QuerySet[Indicator]:
        p = self.query
        qs = Indicator.objects.select_related("item__plan").prefetch_related(
            "targets", "values__period", "values__agency", "values__entered_by"
        )
        if p.get("plan"):
            plan = plan_from_param(p["plan"])
            qs = qs.filter(item__plan=plan) if plan is not None else qs.none()
        if p.get("item"):
            qs = qs.filter(item__code=p["item"])
        return qs.order_by("item__plan_id", "item__sort_key", "position", "id")

    def _save(self, request: Request, indicator: Indicator | None = None) -> Indicator:
        require_coordinator(request)
        ser = self.get_serializer(indicator, data=request.data, partial=indicator is not None)
        ser.is_valid(raise_exception=True)
        d = ser.validated_data
        if d.get("item") or indicator is None:  # a new indicator names its item (required)
            item = d["item"]
        else:
            item = indicator.item

        def field(name: str, default: Any = "") -> Any:
            return d.get(name, getattr(indicator, name, default) if indicator else default)

        try:
            saved = services.save_indicator(
                user_of(request),
                item,
                indicator,
                names={lang: field(f"name_{lang}") for lang in services.LANGS},
                unit=field("unit"),
                baseline=field("baseline", None),
                baseline_year=field("baseline_year", None),
                source=field("source", Indicator.Source.MANUAL),
                targets={int(y): v for y, v in (d.get("targets") or {}).items()},
            )
        except ValueError as exc:
            raise exceptions.ValidationError({"targets": [_("years are numbers")]}) from exc
        return self.get_queryset().get(pk=saved.pk)

    @extend_schema(parameters=[IDEMPOTENCY_KEY])
    @only_for("the national coordinator's office")
    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        indicator = self._save(request)
        return Response(self.get_serializer(indicator).data, status=status.HTTP_201_CREATED)

    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not kwargs.get("partial"):
            raise exceptions.MethodNotAllowed("PUT")
        return Response(self.get_serializer(self._save(request, self.get_object())).data)

    @only_for("the national coordinator's office")
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().partial_update(request, *args, **kwargs)

    @only_for("the national coordinator's office")
    def destroy(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        require_coordinator(request)
        services.delete_indicator(user_of(request), self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)

    def _period(self, indicator: Indicator, code: str) -> ReportingPeriod:
        return get_object_or_404(ReportingPeriod, plan_id=indicator.item.plan_id, code__iexact=code)

    @extend_schema(request=IndicatorValueInput, responses=IndicatorSerializer)
    @action(detail=True, methods=["post"])
    def values(self, request: Request, pk: str | None = None) -> Response:
        """Enter (or accept the suggestion for) one period's value of one agency."""
        indicator = self.get_object()
        data = IndicatorValueInput(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        period = self._period(indicator, d["period"])
        agency = _agency_or_404(d["agency"])
        services.record_indicator_value(
            user_of(request),
            indicator,
            period=period,
            agency=agency,
            value=d["value"],
            suggestion=d.get("suggestion", ""),
        )
        return Response(self.get_serializer(self.get_queryset().get(pk=indicator.pk)).data)

    @extend_schema(responses=SUGGESTION)
    @action(detail=True, methods=["get"], pagination_class=None)
    def suggestions(self, request: Request, pk: str | None = None) -> Response:
        """What the records and cases suggest for a period's value; nothing is saved."""
        indicator = self.get_object()
        p = self.query
        period = self._period(indicator, p["period"])
        agency = _agency_or_404(p["agency"]) if p.get("agency") else None
        rows = services.suggestions_for(indicator, period, agency, user_of(request))
        return Response([{**r, "value": str(r["value"])} for r in rows])


def register(router: BaseRouter) -> None:
    router.register("plan-versions", PlanVersionViewSet, basename="plan-version")
    router.register("obligations", ObligationViewSet, basename="obligation")
    router.register("indicators", IndicatorViewSet, basename="indicator")


def _agency_or_404(name: str) -> Agency:
    agency = plan_selectors.agency_named(name)
    if agency is None:
        raise Http404
    return agency
