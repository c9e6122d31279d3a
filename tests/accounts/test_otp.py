import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

OTP = "/accounts/otp/"

pytestmark = pytest.mark.usefixtures("english")


def code_for(device) -> str:
    return str(totp(device.bin_key, device.step, device.t0, device.digits, device.drift)).zfill(
        device.digits
    )


@pytest.fixture
def case_worker(make_user):
    return make_user("case_worker", username="aysel")


@pytest.fixture
def password_client(client, case_worker):
    client.force_login(case_worker)  # password passed, second factor not yet
    return client


def enrol(client, user):
    client.get(OTP)
    device = TOTPDevice.objects.get(user=user)
    return device, client.post(OTP, {"token": code_for(device)})


def test_roles_with_personal_data_must_pass_the_second_factor(password_client):
    response = password_client.get("/plan/")
    assert response.status_code == 302 and response["Location"] == OTP


def test_roles_without_personal_data_need_no_second_factor(client, make_user):
    client.force_login(make_user("coordinator"))
    response = client.get("/accounts/")
    assert response.status_code == 200


def test_first_visit_enrols_a_totp_device_with_a_qr_code(password_client, case_worker):
    page = password_client.get(OTP).content.decode()
    assert "data:image/svg+xml;base64," in page
    device = TOTPDevice.objects.get(user=case_worker)
    assert not device.confirmed


def test_enrolment_confirms_the_device_and_shows_backup_codes_once(password_client, case_worker):
    device, response = enrol(password_client, case_worker)
    device.refresh_from_db()
    assert device.confirmed
    backup = StaticDevice.objects.get(user=case_worker)
    codes = [t.token for t in backup.token_set.all()]
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert password_client.get("/accounts/").context["verified"]


def test_totp_code_passes_the_second_factor(password_client, case_worker):
    device, _ = enrol(password_client, case_worker)
    password_client.logout()
    password_client.force_login(case_worker)
    assert password_client.get("/plan/")["Location"] == OTP
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)  # allow the same time step again
    response = password_client.post(OTP + "?next=/accounts/", {"token": code_for(device)})
    assert response.status_code == 302 and response["Location"] == "/accounts/"


def test_backup_code_passes_once(password_client, case_worker):
    enrol(password_client, case_worker)
    code = StaticDevice.objects.get(user=case_worker).token_set.first().token
    password_client.logout()
    password_client.force_login(case_worker)
    response = password_client.post(OTP, {"token": code.upper()})
    assert response.status_code == 302
    password_client.logout()
    password_client.force_login(case_worker)
    for device in TOTPDevice.objects.filter(user=case_worker):
        device.throttle_reset()
    response = password_client.post(OTP, {"token": code})
    assert response.status_code == 200
    assert password_client.get("/plan/")["Location"] == OTP


def test_wrong_codes_are_throttled(password_client, case_worker):
    device, _ = enrol(password_client, case_worker)
    password_client.logout()
    password_client.cookies["django_language"] = "en"  # logout() dropped the language cookie
    password_client.force_login(case_worker)
    password_client.post(OTP, {"token": "000000"})
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # while throttled even the right code is refused, with a clear message
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    response = password_client.post(OTP, {"token": code_for(device)}, follow=True)
    assert "Too many wrong codes" in response.content.decode()
    assert password_client.get("/plan/")["Location"] == OTP


def test_open_redirect_after_second_factor_is_refused(password_client, case_worker):
    device, _ = enrol(password_client, case_worker)
    password_client.logout()
    password_client.force_login(case_worker)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    response = password_client.post(
        OTP + "?next=https://evil.example/", {"token": code_for(device)}
    )
    assert response["Location"] == "/"


def test_new_backup_codes_need_the_second_factor(password_client, case_worker):
    enrol(password_client, case_worker)
    old = set(StaticDevice.objects.get(user=case_worker).token_set.values_list("token", flat=True))
    password_client.logout()
    password_client.force_login(case_worker)
    response = password_client.post("/accounts/backup-codes/")
    assert response.status_code == 302
    assert (
        set(StaticDevice.objects.get(user=case_worker).token_set.values_list("token", flat=True))
        == old
    )


def test_new_backup_codes_replace_the_old_ones(login_as, case_worker):
    client = login_as(case_worker)
    response = client.post("/accounts/backup-codes/")
    assert response.status_code == 200
    tokens = StaticDevice.objects.get(user=case_worker, name="backup").token_set.all()
    assert len(tokens) == 10
