import pytest

from ctip.plan import selectors, services

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "q,expect",
    [
        ("ibrahimov", "İbrahimov"),
        ("rufet", "Rüfət"),
        ("alver", "alverin"),
        ("RÜFƏT İBRAHİMOV", "Rüfət"),
    ],
)
def test_search_is_case_diacritic_and_suffix_tolerant(imported_seed, make_user, q, expect):
    user = make_user("coordinator", agency="MK")
    items, hits, _more = selectors.search(user, q)
    assert hits
    assert any(f"<mark>{expect}" in h.snippet for h in hits)


def test_search_finds_sub_item_titles(imported_seed, make_user):
    user = make_user("analyst", agency="MK")
    items, _hits, _more = selectors.search(user, "miqrantlarla")
    assert "4.1.6" in [i.code for i in items]


def test_person_names_are_hidden_from_roles_without_need_to_know(imported_seed, make_user):
    analyst = make_user("analyst", agency="MK")
    _items, hits, _more = selectors.search(analyst, "ibrahimov")
    assert hits == []
    for probe in ("0pii", "0piiibrahimov", "0p"):
        assert selectors.search(analyst, probe)[1] == []
    _items, hits, _more = selectors.search(analyst, "əlaqələndirici məsul şəxs")
    assert hits
    text = " ".join(h.snippet for h in hits)
    assert "İbrahimov" not in text and "▇▇▇" in text


def test_snippets_are_escaped(report_factory, make_user):
    user = make_user("coordinator", agency="MK")
    r = report_factory(narrative="<script>alert(1)</script> maarifləndirmə tədbiri")
    r.search_text = services._report_search_text(r.narrative, [])
    r.save()
    _items, hits, _ = selectors.search(user, "maarifləndirmə")
    assert "<script>" not in hits[0].snippet and "&lt;script&gt;" in hits[0].snippet
    assert "<mark>maarifləndirmə</mark>" in hits[0].snippet


def test_search_filters_and_paginates(imported_seed, make_user):
    user = make_user("coordinator", agency="MK")
    _i, page1, more = selectors.search(user, "alver", limit=5)
    assert len(page1) == 5 and more
    _i, page2, _ = selectors.search(user, "alver", limit=5, offset=5)
    assert not {h.report.pk for h in page1} & {h.report.pk for h in page2}
    from ctip.plan.models import Agency

    _i, none, _ = selectors.search(user, "alver", agency=Agency.objects.get(abbr="DİN"))
    assert none == []


def test_drafts_of_other_agencies_are_not_searchable(report_factory, make_user):
    r = report_factory(abbr="DİN", narrative="gizli qaralama mətni")
    r.search_text = services._report_search_text(r.narrative, [])
    r.save()
    other = make_user("focal_point", agency="DMX")
    own = make_user("focal_point", agency="DİN")
    assert selectors.search(other, "qaralama")[1] == []
    assert len(selectors.search(own, "qaralama")[1]) == 1


def test_search_page_renders(imported_seed, make_user, login_as):
    client = login_as(make_user("coordinator", agency="MK"))
    resp = client.get("/search/", {"q": "rufet"})
    assert resp.status_code == 200
    assert "<mark>Rüfət</mark>" in resp.content.decode()


def test_search_follows_edits(report_factory, make_user):
    from django.db import connection

    from ctip.plan.selectors import _has_fts

    if connection.vendor == "sqlite":
        assert _has_fts()  # the FTS5 index is what answers on SQLite
    focal = make_user("focal_point", agency="DMX")
    r = report_factory()
    services.update_narrative(focal, r, narrative="Naxçıvanda seminar keçirildi.", version=1)
    assert len(selectors.search(focal, "naxcivan")[1]) == 1
    r.refresh_from_db()
    services.update_narrative(focal, r, narrative="Lənkəranda görüş keçirildi.", version=r.version)
    assert selectors.search(focal, "naxcivan")[1] == []
    assert len(selectors.search(focal, "lenkeran")[1]) == 1
    r.delete()
    assert selectors.search(focal, "lenkeran")[1] == []
