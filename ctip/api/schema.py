"""OpenAPI description of the API (drf-spectacular): the bearer tokens and session, and
ctip's AutoSchema (declared query parameters, error bodies, role-only operations)."""

from collections.abc import Callable
from typing import Any, Literal, TypeVar

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema
from rest_framework.fields import Field
from rest_framework.relations import RelatedField

from ctip.api.errors import ErrorSerializer

F = TypeVar("F", bound=Callable[..., Any])

# Marks set on a view's action by the decorators below (and ctip.api.versions.idempotent), read
# by CtipAutoSchema.
ONLY_FOR = "ctip_only_for"
EXTRA_ERRORS = "ctip_extra_errors"
IDEMPOTENT = "ctip_idempotent"


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "ctip.accounts.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: AutoSchema) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A token from the account page (/accounts/) or `ctip token create "
            "USERNAME`; it expires. Roles that see personal data need one made after the "
            "second factor.",
        }


class VerifiedSessionScheme(SessionScheme):
    """The browser session, once the second factor is passed where due."""

    target_class = "ctip.accounts.authentication.VerifiedSessionAuthentication"


def only_for(roles: str) -> Callable[[F], F]:
    """Mark an API action as reserved to `roles` (a phrase, e.g. "the coordinator's office");
    the schema says so in the operation's description."""

    def mark(fn: F) -> F:
        setattr(fn, ONLY_FOR, roles)
        return fn

    return mark


ERROR_STATUSES = {
    "400": "Invalid input: a field, query parameter or header named in `errors`.",
    "401": "No valid credentials (bearer token or verified session).",
    "403": "The caller's role or agency may not do this.",
    "404": "No such object, or not visible to the caller.",
    "409": "A stale `version` in the body (`current_version` says the current one), or an "
    "`Idempotency-Key` reused for a different request.",
    "412": "`If-Match` names a version that is no longer current (see `current_version`).",
    "415": "The body is not in a media type the operation reads.",
    "429": "Too many requests for this token: wait `Retry-After` seconds.",
}


def _nullable_model_field(field: Field) -> bool:
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or "." in (field.source or ""):
        return False
    try:
        return model._meta.get_field(field.source).null
    except FieldDoesNotExist:
        return False


class CtipAutoSchema(AutoSchema):
    """drf-spectacular's schema plus what ctip's views do everywhere: declared query
    serializers as parameters, the error body on every status an operation can answer, and
    role-only operations saying so."""

    def _is_list_view(self, serializer: Any = None) -> bool:
        if getattr(self.view, "schema_single_object", False):
            return False
        return super()._is_list_view(serializer)

    def _map_serializer_field(
        self, field: Field, direction: str, bypass_extensions: bool = False
    ) -> dict[str, Any]:
        """A related field over a nullable foreign key is nullable (DRF leaves it to
        `allow_null`, which read-only fields never set)."""
        result = super()._map_serializer_field(field, direction, bypass_extensions)
        if isinstance(field, RelatedField) and _nullable_model_field(field):
            result["nullable"] = True
        return result

    def _view_function(self) -> Callable[..., Any] | None:
        action = getattr(self.view, "action", None)
        return getattr(self.view, action, None) if action else None

    def get_description(self) -> str:  # type: ignore[override]  # drf-spectacular's own signature, not rest_framework's
        text = super().get_description() or ""
        roles = getattr(self._view_function(), ONLY_FOR, None)
        if roles:
            text = f"{text}\n\n**Only for** {roles}; others get 403.".strip()
        return text

    def get_override_parameters(self) -> list[Any]:
        params = list(super().get_override_parameters())
        cls = getattr(self.view, "query_serializer_class", lambda: None)()
        if cls is not None:
            params.append(cls)
        return params

    def _error_statuses(self) -> list[str]:
        codes = ["400", "401", "403", "429"]
        if "{" in self.path:
            codes.append("404")
        if self.method in ("POST", "PUT", "PATCH"):
            codes.append("415")
        codes += getattr(self._view_function(), EXTRA_ERRORS, [])
        if self.method == "POST" and getattr(self._view_function(), IDEMPOTENT, False):
            codes.append("409")
        return sorted(set(codes))

    def _get_response_bodies(
        self, direction: Literal["request", "response"] = "response"
    ) -> dict[str, Any]:
        responses = super()._get_response_bodies(direction)
        for code in self._error_statuses():
            if code in responses:
                continue
            body = self._get_response_for_code(ErrorSerializer, code, direction=direction)
            body["description"] = ERROR_STATUSES[code]
            if code == "429":
                body["headers"] = {
                    "Retry-After": {
                        "schema": {"type": "integer"},
                        "description": "seconds to wait before the next request",
                    }
                }
            responses[code] = body
        return responses


def may_answer(*codes: int) -> Callable[[F], F]:
    """Document extra error statuses an action can answer (e.g. 409 and 412 on versioned writes)."""

    def mark(fn: F) -> F:
        setattr(fn, EXTRA_ERRORS, [str(c) for c in codes])
        return fn

    return mark


def _link(operation_id: str, description: str, **parameters: str) -> dict[str, Any]:
    return {"operationId": operation_id, "parameters": parameters, "description": description}


FIRST_ID = "$response.body#/results/0/id"
THIS_ID = "$response.body#/id"
ETAG = "$response.header.ETag"

# (path, method, status) -> {link name: link}: how a client goes from one answer to the next
# operation (create -> read -> update -> workflow). Schemathesis' stateful phase follows them.
LINKS = {
    ("/api/v1/plans/", "get", "200"): {
        "plan": _link("plans_retrieve", "the first plan", id=FIRST_ID),
    },
    ("/api/v1/plan-items/", "get", "200"): {
        "item": _link("plan_items_retrieve", "the first item", id=FIRST_ID),
    },
    ("/api/v1/plan-items/{id}/", "get", "200"): {
        "edit": _link("plan_items_partial_update", "edit this item", id=THIS_ID),
        "reports": _link("item_reports_list", "this item's reports", **{"query.item": THIS_ID}),
    },
    ("/api/v1/item-reports/", "get", "200"): {
        "report": _link("item_reports_retrieve", "the first report", id=FIRST_ID),
    },
    ("/api/v1/item-reports/{id}/", "get", "200"): {
        action: _link(
            f"item_reports_{name}",
            f"{action} the version read",
            id=THIS_ID,
            **{"header.If-Match": ETAG},
        )
        for action, name in [
            ("edit", "partial_update"),
            ("submit", "submit_create"),
            ("return", "return_create"),
            ("approve", "approve_create"),
            ("reopen", "reopen_create"),
        ]
    },
    ("/api/v1/documents/", "post", "201"): {
        "read": _link("documents_retrieve", "the document registered", id=THIS_ID),
    },
    ("/api/v1/documents/", "get", "200"): {
        "document": _link("documents_retrieve", "the first document", id=FIRST_ID),
    },
    ("/api/v1/recommendations/", "get", "200"): {
        "recommendation": _link("recommendations_retrieve", "the first one", id=FIRST_ID),
    },
    ("/api/v1/recommendations/{id}/", "get", "200"): {
        "status": _link("recommendations_status_create", "change its status", id=THIS_ID),
    },
    ("/api/v1/indicators/", "post", "201"): {
        "read": _link("indicators_retrieve", "the indicator made", id=THIS_ID),
        "edit": _link("indicators_partial_update", "edit it", id=THIS_ID),
        "value": _link("indicators_values_create", "enter a value", id=THIS_ID),
        "delete": _link("indicators_destroy", "delete it", id=THIS_ID),
    },
    ("/api/v1/indicators/", "get", "200"): {
        "indicator": _link("indicators_retrieve", "the first indicator", id=FIRST_ID),
    },
    ("/api/v1/cases/", "get", "200"): {
        "case": _link("cases_retrieve", "the first case", code="$response.body#/results/0/code"),
    },
    ("/api/v1/persons/", "get", "200"): {
        "person": _link(
            "persons_retrieve", "the first person", uid="$response.body#/results/0/uid"
        ),
    },
    ("/api/v1/persons/{uid}/", "get", "200"): {
        "edit": _link(
            "persons_partial_update",
            "edit the version read",
            uid="$response.body#/uid",
            **{"header.If-Match": ETAG},
        ),
    },
}


def add_links(
    result: dict[str, Any], generator: object, request: object, public: bool
) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the LINKS above, and the ETag header on versioned
    reads and writes."""
    for (path, method, code), links in LINKS.items():
        response = result["paths"][path][method]["responses"][code]
        response.setdefault("links", {}).update(links)
    for path, ops in result["paths"].items():
        if not path.startswith(("/api/v1/item-reports/{id}/", "/api/v1/persons/{uid}/")):
            continue
        for method, op in ops.items():
            if method != "get" or path.count("/") == 5:
                op["responses"]["200"].setdefault("headers", {})["ETag"] = {
                    "schema": {"type": "string"},
                    "description": 'the version, as `"3"`: send it back in `If-Match`',
                }
    return result
