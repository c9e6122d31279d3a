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
def test_a_screening_on_the_timeline_reads_in_the_readers_language(lang, expected):
    """The event holds the outcome's code and the count of indicators; the timeline shows the
    outcome in the reader's language and the count, without the indicator set's code."""
    from types import SimpleNamespace

    from django.utils import translation

    from ctip.core import display

    data = {"person": "P1", "outcome": "presumed_victim", "indicators": 3}
    with translation.override(lang):
        assert display.event_text(SimpleNamespace(kind="screened", text="", data=data)) == expected
