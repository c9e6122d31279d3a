"""API pagination: `?limit=` (1 … MAX_LIMIT, default PAGE_SIZE) and `?offset=` (0 … MAX_OFFSET).
A value that is not a whole number in range is refused with a 400 naming the parameter."""

from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 10**12  # more rows than any table will hold


class PageQuery(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=MAX_LIMIT, required=False)
    offset = serializers.IntegerField(min_value=0, max_value=MAX_OFFSET, required=False)


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = MAX_LIMIT

    def _checked(self, request) -> dict:
        ser = PageQuery(
            data={
                k: request.query_params[k] for k in ("limit", "offset") if k in request.query_params
            }
        )
        ser.is_valid(raise_exception=True)
        return ser.validated_data

    def get_limit(self, request):
        return self._checked(request).get("limit", self.default_limit)

    def get_offset(self, request):
        return self._checked(request).get("offset", 0)

    def get_schema_operation_parameters(self, view):
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
