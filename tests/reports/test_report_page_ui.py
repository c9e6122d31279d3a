"""The /reports/ form looks and reads like the other forms: grouped fields, required ones marked,
help linked to its input, errors beside their field and a summary, in az, en and ru (issue 12)."""

import re

import pytest

LEGENDS = {
    "az": ("Hesabata nə daxildir", "Sənəd"),
    "en": ("What the report covers", "The document"),
    "ru": ("Что входит в отчёт", "Документ"),
}


@pytest.mark.parametrize("lang", ["az", "en", "ru"])
def test_the_form_groups_its_fields_in_the_users_language(
    lang, small_plan, make_user, login_as, client
):
    client.cookies["django_language"] = lang
    html = login_as(make_user("coordinator", agency=None)).get("/reports/").content.decode()
    legends = re.findall(r'<fieldset class="group"><legend>(.*?)</legend>', html)
    assert legends == list(LEGENDS[lang])
    covers, document = html.split('<fieldset class="group">')[1:3]
    assert 'name="plan"' in covers and 'name="period"' in covers and 'name="agency"' in covers
    assert 'name="lang"' in document and 'name="format"' in document
    assert re.search(r'<label for="id_period" class="required">', html)
    assert 'aria-describedby="id_period_helptext"' in html and 'id="id_period_helptext"' in html
    assert '<a class="button secondary" href="/">' in html  # cancel is secondary, as elsewhere


def test_an_unknown_period_is_shown_beside_its_field_with_a_summary(
    small_plan, make_user, login_as, client
):
    client.cookies["django_language"] = "en"
    client = login_as(make_user("coordinator", agency=None))
    response = client.post(
        "/reports/", {"plan": "TEST-PLAN", "period": "1999", "lang": "az", "format": "html"}
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert 'role="alert"' in html and "No report was started" in html
    period = html[html.index('<div class="field invalid"><label for="id_period"') :]
    assert "This plan has no such period." in period[: period.index("</div>")]
    assert 'value="1999"' in period
