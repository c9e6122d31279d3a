"""/api/v1 for records: documents, activities, recommendations.

Same rules as the pages: reads go through ctip.records.selectors, writes through
ctip.records.services (documents are registered find-or-create; recommendation status changes keep
their history).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ctip.api import schema  # noqa: F401 - registers the bearer scheme
from ctip.plan.models import Agency
from ctip.records import permissions, selectors, services
from ctip.records.models import (
    Activity,
    ActivityParticipation,
    Document,
    Recommendation,
    RecommendationStatusChange,
)


def _drf_error(exc):
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if hasattr(exc, "message_dict"):
        return exceptions.ValidationError(exc.message_dict)
    return exceptions.ValidationError({"detail": exc.messages})


class DocumentSerializer(serializers.ModelSerializer):
    issuer = serializers.SlugRelatedField(
        slug_field="abbr", queryset=Agency.objects.all(), allow_null=True, required=False
    )
    recipients = serializers.SlugRelatedField(
        slug_field="abbr", many=True, queryset=Agency.objects.all(), required=False
    )
    agency = serializers.SlugRelatedField(
        slug_field="abbr", queryset=Agency.objects.all(), required=False
    )
    plan_items = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    item_reports = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
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
        validators = []  # identity is checked by the service (find-or-create)

    def get_has_file(self, obj) -> bool:
        return bool(obj.file)


class ParticipationSerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="abbr", read_only=True)

    class Meta:
        model = ActivityParticipation
        fields = ["agency", "agency_name", "women", "men", "total"]


class ActivitySerializer(serializers.ModelSerializer):
    agency = serializers.SlugRelatedField(slug_field="abbr", read_only=True)
    period = serializers.SlugRelatedField(slug_field="code", read_only=True)
    plan_items = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    organisers = serializers.SlugRelatedField(slug_field="abbr", many=True, read_only=True)
    topics = serializers.SlugRelatedField(slug_field="key", many=True, read_only=True)
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
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = RecommendationStatusChange
        fields = ["from_status", "to_status", "actor", "at", "note"]


class RecommendationSerializer(serializers.ModelSerializer):
    responsible = serializers.SlugRelatedField(slug_field="abbr", many=True, read_only=True)
    plan_items = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
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


class StatusInput(serializers.Serializer):
    status = serializers.ChoiceField(choices=Recommendation.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="")


@extend_schema(
    parameters=[
        OpenApiParameter("number", str, description="document number as written, e.g. 02/416"),
        OpenApiParameter("kind", str, enum=Document.Kind.values),
        OpenApiParameter(
            "agency", str, description="agency abbreviation (registered, issued or received)"
        ),
        OpenApiParameter("item", str, description="plan sub-item code, e.g. 4.1.9"),
        OpenApiParameter("period", str, description="period code or year"),
        OpenApiParameter("q", str, description="text"),
    ]
)
class DocumentViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """The document registry. POST registers a document (find-or-create: 201 new, 200 existing).
    An entry another agency registered is returned unchanged: only its owner adds to it."""

    serializer_class = DocumentSerializer

    def get_queryset(self):
        p = self.request.query_params
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

    def create(self, request, *args, **kwargs):
        if not permissions.can_create(request.user):
            raise exceptions.PermissionDenied
        ser = self.get_serializer(data=request.data)
        ser.is_valid(raise_exception=True)
        data = dict(ser.validated_data)
        agency = data.pop("agency", None) or request.user.agency
        if agency is None:
            raise exceptions.ValidationError({"agency": ["required"]})
        try:
            doc, created = services.register_document(
                request.user,
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
        except (DjangoPermissionDenied, DjangoValidationError) as exc:
            raise _drf_error(exc) from exc
        return Response(
            self.get_serializer(doc).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )


@extend_schema(
    parameters=[
        OpenApiParameter("kind", str, enum=Activity.Kind.values),
        OpenApiParameter("agency", str),
        OpenApiParameter("item", str),
        OpenApiParameter("period", str),
        OpenApiParameter("topic", str),
        OpenApiParameter("q", str),
    ]
)
class ActivityViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = ActivitySerializer

    def get_queryset(self):
        p = self.request.query_params
        return selectors.activities_visible_to(
            self.request.user,
            kind=p.get("kind"),
            agency=p.get("agency"),
            item=p.get("item"),
            text=p.get("q"),
            period=p.get("period"),
            topic=p.get("topic"),
        )


@extend_schema(
    parameters=[
        OpenApiParameter("source", str, enum=Recommendation.Source.values),
        OpenApiParameter("status", str, enum=Recommendation.Status.values),
        OpenApiParameter("agency", str),
        OpenApiParameter("item", str),
        OpenApiParameter("q", str),
    ]
)
class RecommendationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RecommendationSerializer

    def get_queryset(self):
        p = self.request.query_params
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
    def status(self, request, pk=None):
        """Change the status (kept in the history)."""
        rec = self.get_object()
        if not permissions.can_edit(request.user, rec):
            raise exceptions.NotFound
        inp = StatusInput(data=request.data)
        inp.is_valid(raise_exception=True)
        try:
            rec = services.change_recommendation_status(request.user, rec, **inp.validated_data)
        except (DjangoPermissionDenied, DjangoValidationError) as exc:
            raise _drf_error(exc) from exc
        return Response(
            self.get_serializer(selectors.recommendation_detail(request.user, rec.pk)).data
        )


def register(router) -> None:
    router.register("documents", DocumentViewSet, basename="document")
    router.register("activities", ActivityViewSet, basename="activity")
    router.register("recommendations", RecommendationViewSet, basename="recommendation")
