"""A list read as the union of disjoint branches, each branch from its own index in the list's
order, merged: the first page of an agency's list without sorting all of the agency's rows.

An OR over the branches (`agency = X OR id IN (...)`) cannot be read in order from an index, so
the database collects every match and sorts it; a UNION ALL of the branches, each sorted by an
index, is merged and stops at the page's end (PostgreSQL's Merge Append, SQLite's merge of a
compound SELECT's ORDER BY)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from django.db import connection
from django.db.models import Model, QuerySet

_M = TypeVar("_M", bound=Model)


def merged_in_order(
    branches: Sequence[QuerySet[_M]], order: Sequence[str], first: int | None = None
) -> QuerySet[_M]:
    """The rows of `branches` (querysets of one model that share no row and select the same
    columns) as one list in `order`, each branch read no further than `first` rows (None: all).
    The result can be sliced, counted and iterated, not filtered further (it is a union)."""
    if len(branches) == 1:
        return branches[0].order_by(*order)
    head, *rest = [_sorted_branch(b.order_by(*order), first) for b in branches]
    return head.union(*rest, all=True).order_by(*order)


def _sorted_branch(branch: QuerySet[_M], first: int | None) -> QuerySet[_M]:
    """A branch as the database merges it. PostgreSQL merges branches that each come sorted, a
    sort planned for `first` rows: an index read in order. A branch left unsorted is pulled up
    into the union, where its filter (an agency) no longer makes its index sorted. SQLite sorts
    a compound SELECT as one, merging its branches read from their indexes, and allows no ORDER
    BY or LIMIT inside them."""
    if not connection.features.supports_slicing_ordering_in_compound:
        return branch.order_by()
    return branch if first is None else branch[:first]
