"""/api/v1/cases/ (pseudonymous) and /api/v1/persons/ (personal data, only with a stated purpose)."""

from collections.abc import Iterable
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import ErrorDetail, ParseError, PermissionDenied
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import BaseRouter

from ctip.api.inputs import DeclaredQueryMixin, StrictSerializer
from ctip.api.schema import may_answer, only_for
from ctip.api.users import user_of
from ctip.api.versions import IF_MATCH, check_if_match, with_etag
from ctip.audit.services import record
from ctip.cases import selectors, services
from ctip.cases.models import Case, Person, Sex
from ctip.cases.permissions import can

PURPOSE_HEADER = OpenApiParameter(
    "X-Access-Purpose",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Why you read personal data (or `?purpose=`); written to the audit log.",
)


class CaseSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.abbr")
    persons = serializers.IntegerField(source="person_count", read_only=True)

    class Meta:
        model = Case
        fields = [
            "code",
            "agency",
            "status",
            "channel",
            "registered_on",
            "trafficking_status",
            "exploitation",
            "control_methods",
            "country_of_exploitation",
            "recruiter_relation",
            "closed_on",
            "closure_reason",
            "persons",
        ]


class CaseQuery(serializers.Serializer):
    status = serializers.ChoiceField(choices=Case.Status.choices, required=False)


class CaseViewSet(DeclaredQueryMixin, viewsets.ReadOnlyModelViewSet):
    """Cases visible to the caller, by pseudonymous code; no personal data. Only for roles that
    work with cases (others get 403)."""

    serializer_class = CaseSerializer
    lookup_field = "code"
    query_serializers = {"list": CaseQuery}

    def get_queryset(self) -> QuerySet[Case]:
        if getattr(self, "swagger_fake_view", False):  # OpenAPI generation: types only
            return Case.objects.none()
        if not can(self.request.user, "case.list"):
            raise PermissionDenied(_("Your role does not list cases."))
        return selectors.cases_visible_to(self.request.user, status=self.query.get("status"))


class PersonSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.code")
    label = serializers.CharField()  # type: ignore[assignment]  # a declared field, not Field.label
    documents = serializers.ListField(
        child=serializers.CharField(),
        allow_null=True,
        read_only=True,
        help_text="identity documents",
    )
    contacts = serializers.ListField(child=serializers.CharField(), allow_null=True, read_only=True)

    class Meta:
        model = Person
        fields = [
            "uid",
            "case",
            "label",
            "surname",
            "given_name",
            "patronymic",
            "date_of_birth",
            "sex",
            "citizenship",
            "documents",
            "contacts",
            "address",
            "readmitted",
            "trafficking_status",
            "version",
        ]


class PersonQuery(serializers.Serializer):
    purpose = serializers.CharField(
        required=False, max_length=300, help_text="why you read personal data (or the header)"
    )


class PersonListQuery(PersonQuery):
    case = serializers.CharField(required=False, max_length=40, help_text="case code")


class PersonInput(StrictSerializer):
    """A change to a person's data: the fields given, and the version read (`version`: 409 if
    stale; or `If-Match`: 412 if stale)."""

    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False)
    surname = serializers.CharField(required=False, allow_blank=True, max_length=100)
    given_name = serializers.CharField(required=False, allow_blank=True, max_length=100)
    patronymic = serializers.CharField(required=False, allow_blank=True, max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    sex = serializers.ChoiceField(required=False, choices=Sex.choices)
    citizenship = serializers.CharField(required=False, allow_blank=True, max_length=2)
    documents = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=20
    )
    contacts = serializers.ListField(
        child=serializers.CharField(max_length=200), required=False, max_length=20
    )
    address = serializers.CharField(required=False, allow_blank=True, max_length=500)
    readmitted = serializers.BooleanField(required=False)


@extend_schema(parameters=[PURPOSE_HEADER])
class PersonViewSet(
    DeclaredQueryMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Personal data: requires `?purpose=…` or the `X-Access-Purpose` header; every person returned
    is written to the audit log with the caller and the purpose. PATCH changes a person's data
    with the version read (409 with `current_version` if someone changed it since)."""

    serializer_class = PersonSerializer
    lookup_field = "uid"
    http_method_names = ["get", "patch", "head", "options"]
    query_serializers = {
        "list": PersonListQuery,
        "retrieve": PersonQuery,
        "partial_update": PersonQuery,
    }
    purpose: str  # the stated purpose, set by get_queryset

    def _purpose(self) -> str:
        purpose = (
            self.request.headers.get("X-Access-Purpose") or self.query.get("purpose") or ""
        ).strip()
        if not purpose:
            raise ParseError(
                _("State the purpose of access: ?purpose=… or the X-Access-Purpose header.")
            )
        return purpose

    def get_queryset(self) -> QuerySet[Person]:
        if getattr(self, "swagger_fake_view", False):  # OpenAPI generation: types only
            return Person.objects.none()
        if not can(self.request.user, "person.view"):
            raise PermissionDenied(_("Your role does not see personal data."))
        qs, self.purpose = selectors.persons_visible_to(
            self.request.user,
            purpose=self._purpose(),
            case_code=self.query.get("case"),
        )
        return qs

    def _audit(self, persons: Iterable[Person]) -> None:
        for p in persons:
            record(
                user_of(self.request),
                "cases.person.view",
                p,
                purpose=self.purpose,
                case=p.case.code if p.case else None,  # always a case: persons_visible_to
                via="api",
            )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        uids = [row["uid"] for row in response.data.get("results", response.data)]
        self._audit(Person.objects.filter(uid__in=uids).select_related("case"))
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """One person; `ETag` carries the version for `If-Match`."""
        response = super().retrieve(request, *args, **kwargs)
        self._audit(Person.objects.filter(uid=response.data["uid"]).select_related("case"))
        return with_etag(response, response.data["version"])

    @extend_schema(request=PersonInput, responses=PersonSerializer, parameters=[IF_MATCH])
    @only_for("roles that edit victims' data in the case's agency")
    @may_answer(409, 412)
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        """Change the fields given. Say which version you edited: `If-Match` (412 if stale) or
        `version` in the body (409 if stale)."""
        person = self.get_object()
        data = PersonInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        matched = check_if_match(request, person.version)
        version = fields.pop("version", None)
        if matched is None and version is None:
            raise serializers.ValidationError(
                {"version": [ErrorDetail(_("Send the version read, or If-Match."), "required")]}
            )
        person = services.update_person(
            user_of(request),
            person,
            purpose=self.purpose,
            version=matched if matched is not None else version,
            **fields,
        )
        return with_etag(Response(self.get_serializer(person).data), person.version)


def register(router: BaseRouter) -> None:
    router.register("cases", CaseViewSet, basename="case")
    router.register("persons", PersonViewSet, basename="person")
