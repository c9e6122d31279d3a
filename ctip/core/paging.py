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


def page_wanted(page) -> int:
    """The page number asked for (a query string's value), 1 when it is none or not a number."""
    try:
        return min(max(1, int(page)), MAX_PAGE)
    except (TypeError, ValueError, OverflowError):
        return 1


def page_end(per_page: int, page) -> int:
    """How many rows, from the first, the page asked for reaches."""
    return page_wanted(page) * per_page


class CappedPaginator(Paginator):
    """`counted`, if given, is counted instead of the rows: the same rows, cheaper to count (the
    rows may be read no further than their page, see page_end)."""

    def __init__(self, object_list, per_page: int, *, page=None, counted=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = (max(page_wanted(page), CAP_PAGES) + 1) * per_page
        self.more = False
        self.counted = object_list if counted is None else counted

    @cached_property
    def count(self) -> int:
        """The rows, counted no further than `cap`; `more` says whether others follow."""
        rows = self.counted
        if hasattr(rows, "values_list"):  # a queryset: count a bounded list of keys
            n = rows.order_by().values_list("pk", flat=True)[: self.cap + 1].count()
        else:
            n = len(rows)
        self.more = n > self.cap
        return min(n, self.cap)


def capped_page(object_list, per_page: int, page_number, *, counted=None):
    """The page `page_number` of `object_list`, counted no further than needed (see above)."""
    pager = CappedPaginator(object_list, per_page, page=page_number, counted=counted)
    return pager.get_page(page_number)
