"""The schema's view, apart from ctip.api.schema: drf-spectacular's views module imports the
schema class while it loads, so a view subclass beside that class would import in a circle."""

from django.utils import translation
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework.request import Request
from rest_framework.response import Response


class SchemaView(SpectacularJSONAPIView):
    """/api/v1/openapi.json: the public schema (the same for every user) is a function of the
    code, the language and the version, so each is generated once per process (~100 ms) and
    served again."""

    made: dict[tuple[str, str | None], Response] = {}

    def _get_schema_response(self, request: Request) -> Response:
        version = self.api_version or request.version or self._get_version_parameter(request)
        key = (translation.get_language(), version)
        if key not in self.made:
            self.made[key] = super()._get_schema_response(request)
        made = self.made[key]
        return Response(
            data=made.data, headers={"Content-Disposition": made["Content-Disposition"]}
        )
