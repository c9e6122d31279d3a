"""/api/v1 for records: documents, activities, recommendations.

Same rules as the pages: reads go through ctip.records.selectors, writes through
ctip.records.services (documents are registered find-or-create; recommendation status changes keep
their history).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from ctip.accounts.models import User
from ctip.api import schema  # noqa: F401 - registers the bearer scheme
from ctip.api.inputs import DeclaredQueryMixin, StrictModelSerializer, StrictSerializer
from ctip.api.users import user_of
from ctip.api.versions import IDEMPOTENCY_KEY, idempotent
from ctip.plan.models import Agency, ItemReport, PlanItem, ReportingPeriod
from ctip.records import permissions, selectors, services
from ctip.records.models import (
    Activity,
    ActivityParticipation,
    Document,
    Recommendation,
    RecommendationStatusChange,
    Topic,
)


class DocumentSerializer(StrictModelSerializer):
    issuer = serializers.SlugRelatedField(
        slug_field="abbr", queryset=Agency.objects.all(), allow_null=True, required=False
    )
    recipients = serializers.SlugRelatedField(
        slug_field="abbr", many=True, queryset=Agency.objects.all(), required=False
    )
    agency = serializers.SlugRelatedField(
        slug_field="abbr", queryset=Agency.objects.all(), required=False
    )
    plan_items = serializers.SlugRelatedField[PlanItem](
        slug_field="code", many=True, read_only=True
    )
    item_reports = serializers.PrimaryKeyRelatedField[ItemReport](many=True, read_only=True)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Document
        fields = [
            "id",
            "kind",
            "direction",
            "number",
            "date",
            "issuer",
            "issuer_name",
            "recipients",
            "recipient_names",
            "subject",
            "agency",
            "plan_items",
            "item_reports",
            "due_date",
            "completed_on",
            "completion_note",
            "has_file",
            "file_type",
            "file_size",
        ]
        read_only_fields = ["completed_on", "completion_note", "file_type", "file_size"]
        validators: list[
            Callable[..., object]
        ] = []  # identity is checked by the service (find-or-create)

    def get_has_file(self, obj: Document) -> bool:
        return bool(obj.file)


class ParticipationSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField[Agency](
        slug_field="abbr", read_only=True, allow_null=True
    )

    class Meta:
        model = ActivityParticipation
        fields = ["agency", "agency_name", "women", "men", "total"]


class ActivitySerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField[Agency](
        slug_field="abbr", read_only=True, allow_null=True
    )
    period = serializers.SlugRelatedField[ReportingPeriod](
        slug_field="code", read_only=True, allow_null=True
    )
    plan_items = serializers.SlugRelatedField[PlanItem](
        slug_field="code", many=True, read_only=True
    )
    organisers = serializers.SlugRelatedField[Agency](slug_field="abbr", many=True, read_only=True)
    topics = serializers.SlugRelatedField[Topic](slug_field="key", many=True, read_only=True)
    participations = ParticipationSerializer(many=True, read_only=True)

    class Meta:
        model = Activity
        fields = [
            "id",
            "kind",
            "title",
            "start",
            "end",
            "place",
            "agency",
            "period",
            "organisers",
            "organiser_names",
            "partner_names",
            "plan_items",
            "documents",
            "narrative_az",
            "narrative_en",
            "narrative_ru",
            "people_reached",
            "topics",
            "trainers",
            "number_trained",
            "pre_test_avg",
            "post_test_avg",
            "trainer_rating",
            "material_title",
            "languages",
            "copies_printed",
            "copies_distributed",
            "channels",
            "participations",
        ]
        read_only_fields = fields


class StatusChangeSerializer(serializers.ModelSerializer):
    actor = serializers.SlugRelatedField[User](slug_field="username", read_only=True)

    class Meta:
        model = RecommendationStatusChange
        fields = ["from_status", "to_status", "actor", "at", "note"]


class RecommendationSerializer(serializers.ModelSerializer):
    responsible = serializers.SlugRelatedField[Agency](slug_field="abbr", many=True, read_only=True)
    plan_items = serializers.SlugRelatedField[PlanItem](
        slug_field="code", many=True, read_only=True
    )
    history = StatusChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = [
            "id",
            "source",
            "report",
            "year",
            "reference",
            "text",
            "priority",
            "status",
            "due_date",
            "responsible",
            "plan_items",
            "activities",
            "documents",
            "history",
        ]
        read_only_fields = fields


class StatusInput(StrictSerializer):
    status = serializers.ChoiceField(choices=Recommendation.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=5000)


def _text(help_text: str, max_length: int = 100) -> serializers.CharField:
    return serializers.CharField(required=False, max_length=max_length, help_text=help_text)


class DocumentQuery(serializers.Serializer):
    number = _text("document number as written, e.g. 02/416")
    kind = serializers.ChoiceField(choices=Document.Kind.choices, required=False)
    direction = serializers.ChoiceField(choices=Document.Direction.choices, required=False)
    agency = _text("agency abbreviation (registered, issued or received)")
    item = _text("plan sub-item code, e.g. 4.1.9", 40)
    period = _text("period code or year", 20)
    q = _text("text", 200)


class ActivityQuery(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Activity.Kind.choices, required=False)
    agency = _text("agency abbreviation")
    item = _text("plan sub-item code", 40)
    period = _text("period code or year", 20)
    topic = _text("topic key")
    q = _text("text", 200)


class RecommendationQuery(serializers.Serializer):
    source = serializers.ChoiceField(  # type: ignore[assignment]  # a declared field, not Field.source
        choices=Recommendation.Source.choices, required=False
    )
    status = serializers.ChoiceField(choices=Recommendation.Status.choices, required=False)
    agency = _text("responsible agency's abbreviation")
    item = _text("plan sub-item code", 40)
    q = _text("text", 200)


DOCUMENT_EXAMPLE = OpenApiExample(
    "A letter received",
    request_only=True,
    value={
        "kind": "letter",
        "direction": "incoming",
        "number": "02/416",
        "date": "2022-03-14",
        "issuer": "DİN",
        "subject": "Məlumat sorğusu",
    },
)


class DocumentViewSet(
    DeclaredQueryMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The document registry. POST registers a document (find-or-create: 201 new, 200 existing).
    An entry another agency registered is returned unchanged: only its owner adds to it."""

    serializer_class = DocumentSerializer
    query_serializers = {"list": DocumentQuery}

    def get_queryset(self) -> QuerySet[Document]:
        p = self.query
        return selectors.documents_visible_to(
            self.request.user,
            kind=p.get("kind"),
            agency=p.get("agency"),
            item=p.get("item"),
            number=p.get("number"),
            text=p.get("q"),
            period=p.get("period"),
            direction=p.get("direction"),
        ).prefetch_related("item_reports")

    @extend_schema(
        responses={200: DocumentSerializer, 201: DocumentSerializer},
        parameters=[IDEMPOTENCY_KEY],
        examples=[DOCUMENT_EXAMPLE],
    )
    @idempotent
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Register a document: 201 when new, 200 with the existing entry when the same
        number, date and issuer are already registered."""
        user = user_of(request)
        if not permissions.can_create(user):
            raise exceptions.PermissionDenied
        ser = self.get_serializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        agency = data.pop("agency", None) or user.agency
        if agency is None:
            raise exceptions.ValidationError({"agency": [_("required")]})
        doc, created = services.register_document(
            user,
            agency=agency,
            kind=data["kind"],
            number=data["number"],
            date=data["date"],
            issuer=data.get("issuer"),
            issuer_name=data.get("issuer_name", ""),
            direction=data.get("direction", Document.Direction.OTHER),
            recipients=data.get("recipients", []),
            recipient_names=data.get("recipient_names", ""),
            subject=data.get("subject", ""),
            due_date=data.get("due_date"),
        )
        return Response(
            self.get_serializer(doc).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


class ActivityViewSet(DeclaredQueryMixin, viewsets.ReadOnlyModelViewSet):
    """Trainings, campaigns, meetings and materials with their participants."""

    serializer_class = ActivitySerializer
    query_serializers = {"list": ActivityQuery}

    def get_queryset(self) -> QuerySet[Activity]:
        p = self.query
        return selectors.activities_visible_to(
            self.request.user,
            kind=p.get("kind"),
            agency=p.get("agency"),
            item=p.get("item"),
            text=p.get("q"),
            period=p.get("period"),
            topic=p.get("topic"),
        )


class RecommendationViewSet(DeclaredQueryMixin, viewsets.ReadOnlyModelViewSet):
    """Recommendations (GRETA, US TIP report, national) with their status history."""

    serializer_class = RecommendationSerializer
    query_serializers = {"list": RecommendationQuery}

    def get_queryset(self) -> QuerySet[Recommendation]:
        p = self.query
        return selectors.recommendations_visible_to(
            self.request.user,
            source=p.get("source"),
            status=p.get("status"),
            agency=p.get("agency"),
            item=p.get("item"),
            text=p.get("q"),
        ).prefetch_related("history__actor")

    @extend_schema(request=StatusInput, responses=RecommendationSerializer)
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        """Change the status (kept in the history)."""
        rec = self.get_object()
        if not permissions.can_edit(request.user, rec):
            raise exceptions.NotFound
        inp = StatusInput(data=request.data)
        inp.is_valid(raise_exception=True)
        rec = services.change_recommendation_status(user_of(request), rec, **inp.validated_data)
        return Response(
            self.get_serializer(selectors.recommendation_detail(request.user, rec.pk)).data
        )


def register(router: BaseRouter) -> None:
    router.register("documents", DocumentViewSet, basename="document")
    router.register("activities", ActivityViewSet, basename="activity")
    router.register("recommendations", RecommendationViewSet, basename="recommendation")
