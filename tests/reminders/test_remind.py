"""`ctip remind`: each user's digest of what falls due, sent through a real SMTP server on
loopback (aiosmtpd) and read back; counts and links only, in the user's language."""

import datetime as dt
import email
import socket
from email.header import decode_header, make_header

import pytest
from aiosmtpd.controller import Controller
from django.core.management import CommandError, call_command
from django.utils import translation
from model_bakery import baker

from ctip.reminders import selectors
from ctip.reminders.models import ReminderSetting

TODAY = dt.date(2026, 11, 30)
# Invented people: neither may appear in any message.
USER_NAME = ("Leyla", "Qasımova")
NAME_IN_A_RECORD = "Rauf Əhmədli"


class Inbox:
    """aiosmtpd handler keeping every message it receives."""

    def __init__(self):
        self.messages: list[email.message.Message] = []

    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content)
        msg["X-Envelope-To"] = ",".join(envelope.rcpt_tos)
        self.messages.append(msg)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(settings):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.DEFAULT_FROM_EMAIL = "ctip@example.test"
    settings.CTIP_SITE_URL = "https://ctip.example.test"
    yield inbox
    controller.stop()


def _document(abbr: str, due: dt.date, number: str, completed: dt.date | None = None):
    from ctip.plan.models import Agency
    from ctip.records.models import Document

    owner = Agency.objects.get(abbr=abbr)
    return Document.objects.create(
        kind="letter",
        number=number,
        date=dt.date(2026, 10, 1),
        agency=owner,
        issuer=owner,
        subject=f"{NAME_IN_A_RECORD} barədə məktub",
        due_date=due,
        completed_on=completed,
    )


@pytest.fixture
def dmx_deadlines(agencies):
    """DMX: one overdue, two within 14 days, one in 40 days, one done; DİN: one overdue."""
    _document("DMX", TODAY - dt.timedelta(days=3), "1/1")
    _document("DMX", TODAY + dt.timedelta(days=2), "1/2")
    _document("DMX", TODAY + dt.timedelta(days=14), "1/3")
    _document("DMX", TODAY + dt.timedelta(days=40), "1/4")
    _document("DMX", TODAY - dt.timedelta(days=9), "1/5", completed=TODAY - dt.timedelta(days=1))
    _document("DİN", TODAY - dt.timedelta(days=1), "2/1")


def _body(msg) -> str:
    return msg.get_payload(decode=True).decode(msg.get_content_charset() or "utf-8")


def _subject(msg) -> str:
    return str(make_header(decode_header(msg["Subject"])))


def _line(digest, label_start: str):
    with translation.override("en"):
        (line,) = [x for x in digest.lines if str(x.label).startswith(label_start)]
    return line


def test_focal_points_digest_counts_their_agencys_deadlines_in_the_window(make_user, dmx_deadlines):
    focal = make_user("focal_point", "DMX")
    line = _line(selectors.digest_for(focal, today=TODAY, days=14), "Documents")
    assert (line.overdue, line.soon) == (1, 2)
    din = make_user("focal_point", "DİN")
    line = _line(selectors.digest_for(din, today=TODAY, days=14), "Documents")
    assert (line.overdue, line.soon) == (1, 0)


def test_digest_arrives_by_smtp_in_the_users_language_with_counts_and_no_names(
    make_user, dmx_deadlines, smtp
):
    ru = make_user("focal_point", "DMX", email="ru@example.test", first_name=USER_NAME[0])
    ru.last_name = USER_NAME[1]
    ru.save()
    ReminderSetting.objects.create(user=ru, language="ru")
    make_user("focal_point", "DMX", email="az@example.test")

    call_command("remind", "--date", TODAY.isoformat())

    by_rcpt = {m["X-Envelope-To"]: m for m in smtp.messages}
    assert set(by_rcpt) == {"ru@example.test", "az@example.test"}
    ru_msg, az_msg = by_rcpt["ru@example.test"], by_rcpt["az@example.test"]
    assert "просрочено" in _subject(ru_msg) and "1" in _subject(ru_msg)
    assert "gecikib" in _subject(az_msg)
    ru_body = _body(ru_msg)
    assert "Документы со сроком: 1 просрочено, 2 скоро" in ru_body
    assert "https://ctip.example.test/records/due/?agency=DMX" in ru_body
    assert "https://ctip.example.test/accounts/" in ru_body
    for msg in (ru_msg, az_msg):
        text = _subject(msg) + _body(msg)
        assert NAME_IN_A_RECORD not in text and "Əhmədli" not in text
        assert USER_NAME[0] not in text and USER_NAME[1] not in text
        assert "1/1" not in text  # not even a document number


def test_opted_out_users_and_a_second_run_the_same_day_get_nothing(make_user, dmx_deadlines, smtp):
    quiet = make_user("focal_point", "DMX", email="quiet@example.test")
    ReminderSetting.objects.create(user=quiet, enabled=False)
    make_user("focal_point", "DMX", email="on@example.test")

    call_command("remind", "--date", TODAY.isoformat())
    call_command("remind", "--date", TODAY.isoformat())

    assert [m["X-Envelope-To"] for m in smtp.messages] == ["on@example.test"]


def test_nothing_due_sends_nothing(make_user, agencies, smtp):
    make_user("focal_point", "DMX", email="idle@example.test")
    call_command("remind", "--date", TODAY.isoformat())
    assert smtp.messages == []


def test_dry_run_prints_counts_and_sends_nothing(make_user, dmx_deadlines, smtp, capsys):
    make_user("focal_point", "DMX", email="f@example.test", username="fokal_dmx")
    call_command("remind", "--dry-run", "--date", TODAY.isoformat())
    out = capsys.readouterr().out
    assert "would send fokal_dmx (az): 1 overdue, 2 due soon" in out
    assert smtp.messages == []
    assert not ReminderSetting.objects.filter(last_sent_on=TODAY).exists()


def test_a_bad_date_stops_with_one_line(db):
    with pytest.raises(CommandError, match="is not a date"):
        call_command("remind", "--date", "30.11.2026")


def test_case_worker_is_reminded_of_services_ending_in_open_cases(make_user, agencies):
    from ctip.cases.models import Case, Service
    from ctip.plan.models import Agency

    worker = make_user("case_worker", "DMX")
    dmx = Agency.objects.get(abbr="DMX")
    case = baker.make(Case, agency=dmx, status=Case.Status.ASSISTANCE, code="DMX-2026-0001")
    closed = baker.make(Case, agency=dmx, status=Case.Status.CLOSED, code="DMX-2026-0002")
    for c, end in [(case, TODAY - dt.timedelta(days=1)), (case, TODAY + dt.timedelta(days=5))]:
        baker.make(Service, case=c, person=None, start=TODAY - dt.timedelta(days=60), end=end)
    baker.make(Service, case=closed, person=None, start=TODAY, end=TODAY)
    baker.make(Service, case=case, person=None, start=TODAY, end=TODAY, outcome="completed")

    line = _line(selectors.digest_for(worker, today=TODAY, days=14), "Services")
    assert (line.overdue, line.soon) == (1, 1)
    with translation.override("en"):
        labels = [str(x.label) for x in selectors.digest_for(worker, today=TODAY, days=14).lines]
    assert labels == ["Services to review in your cases"]


def test_account_page_turns_reminders_off_and_sets_the_language(make_user, login_as):
    focal = make_user("focal_point", "DMX", email="f@example.test")
    client = login_as(focal)
    page = client.get("/accounts/")
    assert 'action="/reminders/settings/"' in page.content.decode()

    response = client.post("/reminders/settings/", {"language": "en"})  # box unticked

    assert response.status_code == 302
    setting = ReminderSetting.objects.get(user=focal)
    assert (setting.enabled, setting.language) == (False, "en")
    assert focal not in selectors.users_to_remind()
    client.post("/reminders/settings/", {"language": "xx", "enabled": "on"})
    assert ReminderSetting.objects.get(user=focal).language == "en"
