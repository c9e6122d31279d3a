"""The /api/v1/ routes: one module per app registers its viewsets on the shared router."""

from csp.decorators import csp_update
from django.http import HttpRequest, JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from ctip.api import cases, catalogue, plan, records
from ctip.api.schema_view import SchemaView

SWAGGER_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
router = DefaultRouter()

for module in (plan, catalogue, records, cases):
    module.register(router)


@csrf_exempt  # a POST to a path no route takes is a 404 too, not a CSRF page
def not_found(request: HttpRequest) -> JsonResponse:
    body = {"detail": _("Not found."), "code": "not_found", "errors": []}
    return JsonResponse(body, status=404)


urlpatterns = [
    path("openapi.json", SchemaView.as_view(), name="openapi"),
    # Swagger UI injects one fixed <style> element: allow exactly it (by hash) on this page only.
    path(
        "docs/",
        csp_update({"style-src": [SWAGGER_STYLE_HASH]})(
            SpectacularSwaggerSplitView.as_view(url_name="openapi")
        ),
        name="api-docs",
    ),
    path("", include(router.urls)),
    # Anything else under /api/v1/ (e.g. a key with characters no route takes): the API's 404.
    re_path(r"^[\s\S]*$", not_found, name="api-not-found"),
]
