"""/api/v1/cases/ (pseudonymous) and /api/v1/persons/ (personal data, only with a stated purpose)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ParseError, PermissionDenied
from rest_framework.response import Response

from ctip.audit.services import record
from ctip.cases import selectors, services
from ctip.cases.models import Case, Person, Sex
from ctip.cases.permissions import can
from ctip.core.errors import Conflict


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


class CaseViewSet(viewsets.ReadOnlyModelViewSet):
    """Cases visible to the caller, by pseudonymous code; no personal data."""

    serializer_class = CaseSerializer
    lookup_field = "code"

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # OpenAPI generation: types only
            return Case.objects.none()
        if not can(self.request.user, "case.list"):
            raise PermissionDenied("Your role does not list cases.")
        return selectors.cases_visible_to(
            self.request.user, status=self.request.query_params.get("status")
        )


class PersonSerializer(serializers.ModelSerializer):
    case = serializers.CharField(source="case.code")
    label = serializers.CharField()

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


class PersonInput(serializers.Serializer):
    """A change to a person's data: the fields given, and the version read (409 if stale)."""

    version = serializers.IntegerField(min_value=1)
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


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Personal data: requires `?purpose=…` or the `X-Access-Purpose` header; every person returned
    is written to the audit log with the caller and the purpose. PATCH changes a person's data
    with the version read (409 with `current_version` if someone changed it since)."""

    serializer_class = PersonSerializer
    lookup_field = "uid"
    http_method_names = ["get", "patch", "head", "options"]

    def _purpose(self) -> str:
        purpose = (
            self.request.headers.get("X-Access-Purpose")
            or self.request.query_params.get("purpose")
            or ""
        ).strip()
        if not purpose:
            raise ParseError(
                "State the purpose of access: ?purpose=… or the X-Access-Purpose header."
            )
        return purpose

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # OpenAPI generation: types only
            return Person.objects.none()
        if not can(self.request.user, "person.view"):
            raise PermissionDenied("Your role does not see personal data.")
        try:
            qs, self.purpose = selectors.persons_visible_to(
                self.request.user,
                purpose=self._purpose(),
                case_code=self.request.query_params.get("case"),
            )
        except ValidationError as exc:
            raise ParseError(" ".join(exc.messages)) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return qs

    def _audit(self, persons):
        for p in persons:
            record(
                self.request.user,
                "cases.person.view",
                p,
                purpose=self.purpose,
                case=p.case.code,
                via="api",
            )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        uids = [row["uid"] for row in response.data.get("results", response.data)]
        self._audit(Person.objects.filter(uid__in=uids).select_related("case"))
        return response

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        self._audit(Person.objects.filter(uid=response.data["uid"]).select_related("case"))
        return response

    @extend_schema(request=PersonInput, responses={200: PersonSerializer, 409: OpenApiTypes.OBJECT})
    def partial_update(self, request, *args, **kwargs):
        person = self.get_object()
        data = PersonInput(data=request.data)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        version = fields.pop("version")
        try:
            person = services.update_person(
                request.user, person, purpose=self.purpose, version=version, **fields
            )
        except Conflict as exc:
            return Response(
                {"detail": str(exc), "current_version": exc.current_version},
                status=status.HTTP_409_CONFLICT,
            )
        except ValidationError as exc:
            raise serializers.ValidationError({"detail": exc.messages}) from exc
        except DjangoPermissionDenied as exc:
            raise PermissionDenied(str(exc)) from exc
        return Response(self.get_serializer(person).data)


def register(router) -> None:
    router.register("cases", CaseViewSet, basename="case")
    router.register("persons", PersonViewSet, basename="person")
