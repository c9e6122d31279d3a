"""Azerbaijani wording a ministry worker would find odd, found by walking the pages (issue 12)."""

import pytest


@pytest.mark.django_db
def test_report_orders_are_not_called_by_the_word_for_cases(make_user, login_as, client):
    """The word "İş" names a case in the case pages; report jobs are the user's orders
    ("sifariş"), so the navigation does not offer "İşlərim" beside "İşlər üzrə göstəricilər"."""
    client.cookies["django_language"] = "az"
    client = login_as(make_user("coordinator", agency=None))
    nav = client.get("/").content.decode()
    nav = nav[nav.index('<nav aria-label="') : nav.index("</nav>")]
    assert ">Sifarişlərim</a>" in nav and "İşlərim" not in nav
    jobs = client.get("/jobs/").content.decode()
    assert "Sizin sifarişiniz yoxdur." in jobs


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "P1: Presumed victim (3 indicators observed)"),
        ("az", "P1: Ehtimal olunan qurban (3 göstərici müşahidə olunub)"),
        ("ru", "P1: Предполагаемая жертва (3 признака выявлено)"),
    ],
)
def test_a_screening_on_the_timeline_shows_no_indicator_set_code(lang, expected):
    """The note is written in the screener's language with the set's code ("nrm-default v1");
    the timeline shows the outcome in the reader's language and the count of indicators."""
    from types import SimpleNamespace

    from django.utils import translation

    from ctip.core import display

    with translation.override("az"):
        written = "P1: Ehtimal olunan qurban (3 / nrm-default v1)"
    with translation.override(lang):
        assert display.event_text(SimpleNamespace(kind="screened", text=written)) == expected
