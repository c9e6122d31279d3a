"""/api/v1/cases/ (pseudonymous) and /api/v1/persons/ (personal data, only with a stated purpose)."""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ParseError, PermissionDenied

from ctip.audit.services import record
from ctip.cases import selectors
from ctip.cases.models import Case, Person
from ctip.cases.permissions import can


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
        ]


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    """Personal data: requires `?purpose=…` or the `X-Access-Purpose` header; every person returned
    is written to the audit log with the caller and the purpose."""

    serializer_class = PersonSerializer
    lookup_field = "uid"

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


def register(router) -> None:
    router.register("cases", CaseViewSet, basename="case")
    router.register("persons", PersonViewSet, basename="person")
