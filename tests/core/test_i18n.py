"""The interface speaks Azerbaijani by default, Russian and English on request, from complete and
compiled catalogues (ctip/locale/<lang>/LC_MESSAGES/django.po and .mo)."""

import ast
import re
import shutil
import subprocess
from gettext import GNUTranslations
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

import ctip

LOCALE = Path(ctip.__file__).resolve().parent / "locale"
LANGS = ("az", "ru", "en")
PLACEHOLDER = re.compile(r"%\(\w+\)[srd]|%[sd]|\{\w*\}")


def parse_po(path: Path) -> list[dict]:
    """A tiny .po reader: entries with msgctxt, msgid, msgid_plural, msgstr ({form: text}), flags."""
    entries: list[dict] = []
    entry: dict = {"flags": set()}
    field = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line:
            continue
        keyword, _, rest = line.partition(" ")
        starts_entry = line.startswith("#") or keyword in ("msgctxt", "msgid")
        if starts_entry and "msgstr" in entry:
            entries.append(entry)
            entry = {"flags": set()}
        if line.startswith("#,"):
            entry["flags"] |= {f.strip() for f in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            if isinstance(field, int):
                entry["msgstr"][field] += ast.literal_eval(line)
            else:
                entry[field] += ast.literal_eval(line)
        elif keyword.startswith("msgstr"):
            m = re.fullmatch(r"msgstr\[(\d+)\]", keyword)
            field = int(m.group(1)) if m else 0
            entry.setdefault("msgstr", {})[field] = ast.literal_eval(rest)
        else:
            field = keyword
            entry[field] = ast.literal_eval(rest)
    if "msgstr" in entry:
        entries.append(entry)
    return entries


def messages(lang: str) -> list[dict]:
    """The catalogue's entries without the header."""
    return [e for e in parse_po(LOCALE / lang / "LC_MESSAGES" / "django.po") if e["msgid"] != ""]


@pytest.fixture
def plan_reader(make_user, login_as):
    return login_as(make_user("coordinator", agency=None))


# --- The interface ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_page_is_in_azerbaijani_by_default(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="az"' in html
    assert "Daxil ol" in html and "İstifadəçi adı" in html and "Parol" in html
    assert "Log in" not in html and "Username" not in html and "Password" not in html


@pytest.mark.django_db
def test_plan_page_is_in_azerbaijani_by_default(plan_reader):
    html = plan_reader.get("/plan/").content.decode()
    assert "Fəaliyyət planı" in html and "Çıxış" in html and "Məzmuna keç" in html
    assert "Action plan" not in html and "Log out" not in html and "Skip to content" not in html


@pytest.mark.django_db
def test_switching_to_russian_shows_russian(plan_reader):
    response = plan_reader.post("/i18n/setlang/", {"language": "ru", "next": "/plan/"})
    assert response.status_code == 302
    html = plan_reader.get("/plan/").content.decode()
    assert 'lang="ru"' in html
    assert "План действий" in html and "Выйти" in html
    assert "Fəaliyyət planı" not in html and "Action plan" not in html


@pytest.mark.django_db
def test_switching_to_english_shows_the_english_text(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    html = client.get("/accounts/login/").content.decode()
    assert "Log in" in html and "Daxil ol" not in html


def test_messages_outside_requests_follow_the_active_language():
    from django.utils.translation import gettext

    previous = translation.get_language()
    translation.deactivate()  # nothing activated: the default language
    try:
        assert gettext("Action plan") == "Fəaliyyət planı"
    finally:
        translation.activate(previous)
    with translation.override("ru"):
        assert gettext("Action plan") == "План действий"
        assert translation.ngettext("%(n)s document", "%(n)s documents", 5) == "%(n)s документов"
    with translation.override("en"):
        assert gettext("Action plan") == "Action plan"


# --- The catalogues --------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_every_message_is_translated(lang):
    entries = messages(lang)
    assert len(entries) > 500
    untranslated = [
        e["msgid"]
        for e in entries
        if not e["msgstr"] or not all(s.strip() for s in e["msgstr"].values())
    ]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert untranslated == []
    assert fuzzy == []
    forms = 2 if lang == "az" else 3
    plurals = [e for e in entries if "msgid_plural" in e]
    assert plurals and all(sorted(e["msgstr"]) == list(range(forms)) for e in plurals)


@pytest.mark.parametrize("lang", ["az", "ru"])
def test_translations_keep_the_placeholders(lang):
    wrong = []
    for e in messages(lang):
        expected = sorted(PLACEHOLDER.findall(e["msgid"]))
        for text in e["msgstr"].values():
            if sorted(PLACEHOLDER.findall(text)) != expected:
                wrong.append((e["msgid"], text))
    assert wrong == []


def test_catalogues_have_the_same_messages():
    ids = [{(e.get("msgctxt"), e["msgid"]) for e in messages(lang)} for lang in LANGS]
    assert ids[0] == ids[1] == ids[2]


@pytest.mark.parametrize("lang", LANGS)
def test_compiled_catalogue_matches_the_po_file(lang):
    """The committed .mo holds exactly the .po's translations (run `ctip compilemessages`)."""
    with open(LOCALE / lang / "LC_MESSAGES" / "django.mo", "rb") as fh:
        compiled = {k: v for k, v in GNUTranslations(fh)._catalog.items() if k != ""}
    expected = {}
    for e in messages(lang):
        if "fuzzy" in e["flags"]:
            continue
        key = e["msgid"] if e.get("msgctxt") is None else f"{e['msgctxt']}\x04{e['msgid']}"
        if "msgid_plural" in e:
            if any(e["msgstr"].values()):
                expected.update({(key, i): s for i, s in e["msgstr"].items()})
        elif e["msgstr"].get(0):
            expected[key] = e["msgstr"][0]
    assert compiled == expected


@pytest.mark.parametrize("lang", LANGS)
def test_catalogue_passes_msgfmt_checks(lang):
    if not shutil.which("msgfmt"):
        pytest.skip("msgfmt (GNU gettext) is not installed")
    po = LOCALE / lang / "LC_MESSAGES" / "django.po"
    result = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr


def test_catalogue_has_every_message_of_the_code(tmp_path, settings, monkeypatch):
    """No translatable string in the code is missing from the catalogues (run makemessages)."""
    if not shutil.which("xgettext"):
        pytest.skip("xgettext (GNU gettext) is not installed")
    source = Path(ctip.__file__).resolve().parent
    copy = tmp_path / "ctip"
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns("locale", "__pycache__", "*.mo"))
    (copy / "locale").mkdir()
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["az"], ignore_patterns=["tests"], verbosity=0)
    fresh = {
        (e.get("msgctxt"), e["msgid"])
        for e in parse_po(copy / "locale" / "az" / "LC_MESSAGES" / "django.po")
        if e["msgid"]
    }
    known = {(e.get("msgctxt"), e["msgid"]) for e in messages("az")}
    assert sorted(m for _, m in fresh - known) == []
