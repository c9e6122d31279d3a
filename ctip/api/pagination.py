"""API pagination: `?limit=` (1 … MAX_LIMIT, default PAGE_SIZE) and `?offset=` (0 … MAX_OFFSET).
A value that is not a whole number in range is refused with a 400 naming the parameter."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

if TYPE_CHECKING:  # DRF imports this module while it defines its generic views
    from rest_framework.views import APIView

MAX_LIMIT = 1000
MAX_OFFSET = 10**12  # more rows than any table will hold


class PageQuery(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, required=False)
    offset = serializers.IntegerField(min_value=0, max_value=MAX_OFFSET, required=False)


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def _checked(self, request: Request) -> dict[str, int]:
        ser = PageQuery(
            data={
                k: request.query_params[k] for k in ("limit", "offset") if k in request.query_params
            }
        )
        ser.is_valid(raise_exception=True)
        return ser.validated_data

    def get_limit(self, request: Request) -> int | None:
        return self._checked(request).get("limit", self.default_limit)

    def get_offset(self, request: Request) -> int:
        return self._checked(request).get("offset", 0)

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        params = super().get_schema_operation_parameters(view)
        for p in params:
            if p["name"] == "limit":
                p["description"] = (
                    f"Number of results per page: 1 to {MAX_LIMIT} (default {self.default_limit})."
                )
                p["schema"].update(minimum=1, maximum=MAX_LIMIT)
            else:
                p["description"] = "Index of the first result (0 based)."
                p["schema"].update(minimum=0, maximum=MAX_OFFSET)
        return params
