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
