import pytest


@pytest.mark.django_db
def test_health_reports_ok_without_login(client):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_pages_redirect_anonymous_users_to_login(client):
    response = client.get("/plan/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_login_page_is_in_azerbaijani_by_default(client):
    response = client.get("/accounts/login/")
    assert response.status_code == 200
    assert 'lang="az"' in response.content.decode()
