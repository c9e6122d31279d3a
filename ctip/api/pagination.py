"""API pagination with bounded numbers: `?limit=` and `?offset=` beyond what a database can bind
(SQLite: 64 bits) are cut to the largest useful value instead of failing."""

from rest_framework.pagination import LimitOffsetPagination

MAX_OFFSET = 10**12  # more rows than any table will hold


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    max_limit = 1000

    def get_offset(self, request):
        return min(super().get_offset(request), MAX_OFFSET)
