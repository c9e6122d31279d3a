"""Every page type, as every demo role, in every language: no stored code shown as a word.

The walk loads the demo data set, opens each kind of page each role may open and reads the visible
text (not attributes, scripts or styles). It fails on a raw enumeration value (from the models'
choices, the timeline's kinds and the audit's actions), an ISO country code standing as a word,
`None`, an ISO date, an Azerbaijani date outside az, and English enumeration labels in az and ru.
"""

from __future__ import annotations

import re
import time
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from django.utils import translation

from ctip.core import display
from ctip.reference import country_by_code, organization_by_abbr

ROLES = ("isci", "nezaretci", "dmx_fokal", "koordinator", "analitik", "auditor", "admin")
LANGS = ("az", "en", "ru")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
HIDDEN = {"script", "style", "code", "textarea"}


class VisibleText(HTMLParser):
    """The interface's visible text: data outside <script>, <style>, <code>, form fields and the
    reports' own words (elements of class "narrative" or "snippet", and text marked as quoted in
    another language with `lang`, such as the plan's Azerbaijani wording)."""

    def __init__(self, lang: str = ""):
        super().__init__()
        self.lang = lang
        self.parts: list[str] = []
        self._stack: list[bool] = []  # per open element: does it hide its content?

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        quoted = tag != "html" and attrs.get("lang") not in (None, self.lang)  # text quoted in az
        content = (
            {"narrative", "snippet"} & set(classes) or tag in HIDDEN or tag == "mark" or quoted
        )
        self._stack.append(bool(content))

    def handle_endtag(self, tag):
        if tag not in VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data):
        if not any(self._stack):
            self.parts.append(data)


def visible_text(html: str, lang: str = "") -> str:
    parser = VisibleText(lang)
    parser.feed(html)
    return " ".join(parser.parts)


def _enum_values() -> set[str]:
    values: set[str] = set()
    for kind in display.CHOICES:
        values |= set(display._choices(kind))
    values |= set(display.EVENT_VERBS) | set(display.AUDIT_ACTIONS)
    return values


def _english_labels() -> set[str]:
    """The English labels of the enumerations, for pages that should speak az or ru."""
    with translation.override("en"):
        found = {str(lbl) for kind in display.CHOICES for lbl in display._choices(kind).values()}
    # Proper names read the same in every language.
    return {x for x in found if x not in {"WhatsApp", "GRETA"} and len(x) > 3}


def _english_messages(lang: str) -> set[str]:
    """Whole English sentences of the interface (msgids of several words, without placeholders)
    that the language's catalogue translates differently: seen verbatim, they were not
    translated."""
    from tests.core.test_i18n import messages

    return {
        e["msgid"]
        for e in messages(lang)
        if e["msgid"].count(" ") >= 2
        and "%" not in e["msgid"]
        and "{" not in e["msgid"]
        and e["msgstr"].get(0)
        and e["msgstr"][0] != e["msgid"]
    }


def _label_words(lang: str) -> set[str]:
    with translation.override(lang):
        return {
            w
            for kind in display.CHOICES
            for lbl in display._choices(kind).values()
            for w in str(lbl).split()
        }


RAW = None  # built once, after Django is set up


def problems(text: str, lang: str) -> list[str]:
    global RAW
    if RAW is None:
        coded = sorted(v for v in _enum_values() if "_" in v or "." in v)
        plain = sorted(v for v in _enum_values() if v not in coded and len(v) > 3)
        codes = sorted(set(country_by_code()) - set(organization_by_abbr()))
        RAW = {
            "coded": re.compile(r"(?<![\w.-])(" + "|".join(map(re.escape, coded)) + r")(?![\w-])"),
            "plain": re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, plain)) + r")(?![\w-])"),
            "iso": re.compile(r"(?<![\w-])(" + "|".join(codes) + r")(?![\w-])"),
            "english": _english_labels(),
            "az": _english_messages("az"),
            "ru": _english_messages("ru"),
        }
    found = []
    found += [f"raw value {m}" for m in set(RAW["coded"].findall(text))]
    in_labels = _label_words(lang)  # "US TIP report" names a country inside a proper name
    found += [f"ISO code {m}" for m in set(RAW["iso"].findall(text)) if m not in in_labels]
    if re.search(r"(?<![\w-])None(?![\w-])", text):
        found.append("None")
    found += [f"ISO date {m}" for m in set(re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text))]
    if lang != "az":
        found += [f"az date {m}" for m in set(re.findall(r"\d{4}-c[ıi] il", text))]
    if lang in ("az", "ru"):
        found += [f"raw value {m}" for m in set(RAW["plain"].findall(text))]
        found += [f"English {x!r}" for x in RAW["english"] if f" {x} " in f" {text} "]
        found += [f"English {x!r}" for x in RAW[lang] if x in text]
    return found


def _urls(client) -> list[str]:
    """One URL of each page type, from the demo data."""
    from ctip.cases.models import Case, Intake
    from ctip.plan.models import ItemReport
    from ctip.records.models import Activity, Document, Recommendation

    case = Case.objects.filter(persons__isnull=False).order_by("id").first()
    person = case.persons.order_by("number").first()
    report = ItemReport.objects.filter(transitions__isnull=False).order_by("id").first()
    material = Activity.objects.filter(kind="awareness_material").order_by("id").first()
    rec = Recommendation.objects.filter(history__isnull=False).order_by("id").first()
    rec = rec or Recommendation.objects.order_by("id").first()
    urls = [
        "/",
        "/plan/",
        f"/plan/items/{report.item_id}/",
        f"/plan/reports/{report.pk}/",
        "/search/?q=insan",
        "/records/",
        "/records/documents/",
        f"/records/documents/{Document.objects.order_by('id').first().pk}/",
        "/records/activities/",
        f"/records/activities/{Activity.objects.order_by('id').first().pk}/",
        "/records/timeline/",
        "/records/recommendations/",
        f"/records/recommendations/{rec.pk}/",
        "/records/due/",
        "/records/stats/",
        "/reports/",
        "/cases/",
        f"/cases/{case.code}/",
        f"/cases/{case.code}/persons/{person.uid}/",
        f"/cases/intake/{Intake.objects.order_by('id').first().pk}/",
        "/cases/stats/",
        "/cases/audit/",
        "/accounts/",
    ]
    if material:
        urls.append(f"/records/activities/{material.pk}/")
    session = client.session
    session["ctip_case_purpose"] = {case.code: ["Test: checking the display", time.time()]}
    session.save()
    return urls


@pytest.mark.django_db
def test_every_page_type_shows_words_not_codes_in_every_language(client, login_as):
    from ctip.accounts.models import User

    call_command("load-demo", stdout=open("/dev/null", "w"))  # noqa: SIM115 - quiet
    failures: list[str] = []
    opened = 0
    for username in ROLES:
        client.logout()
        login_as(User.objects.get(username=username))
        urls = _urls(client)
        for lang in LANGS:
            client.cookies["django_language"] = lang
            for url in urls:
                response = client.get(url)
                if response.status_code != 200 or "html" not in response["Content-Type"]:
                    continue
                opened += 1
                html = response.content.decode()
                assert f'lang="{lang}"' in html, (username, lang, url)
                for problem in problems(visible_text(html, lang), lang):
                    failures.append(f"{username} {lang} {url}: {problem}")
    assert opened > 200
    assert not failures, "\n".join(sorted(failures))
