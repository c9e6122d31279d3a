"""A paginator that counts only as far as the reader can go: at a national registry's scale a
page must not count 500,000 rows to say "page 1 of 10,000".

`CappedPaginator(qs, per_page, page=request.GET.get("page"))` counts the rows up to a few pages
past the one asked for (at least CAP_PAGES pages): a LIMIT-bounded count that stops as soon as it
has enough matches. When there are more, `more` is true and the pager says "page 3 of more than
40"; the next page is always reachable, however deep.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

CAP_PAGES = 20  # pages counted at least; deeper pages count a little further than themselves
MAX_PAGE = 100_000  # a page number past this counts as this (no LIMIT a database cannot take)


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page: int, *, page=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        try:
            wanted = min(max(1, int(page)), MAX_PAGE)
        except (TypeError, ValueError, OverflowError):
            wanted = 1
        self.cap = (max(wanted, CAP_PAGES) + 1) * per_page
        self.more = False

    @cached_property
    def count(self) -> int:
        """The rows, counted no further than `cap`; `more` says whether others follow."""
        rows = self.object_list
        if hasattr(rows, "values_list"):  # a queryset: count a bounded list of keys
            n = rows.order_by().values_list("pk", flat=True)[: self.cap + 1].count()
        else:
            n = len(rows)
        self.more = n > self.cap
        return min(n, self.cap)


def capped_page(object_list, per_page: int, page_number):
    """The page `page_number` of `object_list`, counted no further than needed (see above)."""
    return CappedPaginator(object_list, per_page, page=page_number).get_page(page_number)
