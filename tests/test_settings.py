"""The environment helpers of ctip/settings.py: unset or empty takes the default, a bad number
stops ctip with one line naming the variable (or, where documented, leaves the default)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from ctip.settings import env_bool, env_int, env_list, env_str


def test_unset_and_empty_numbers_and_switches_take_their_defaults(monkeypatch):
    monkeypatch.delenv("CTIP_X", raising=False)
    assert env_int("CTIP_X", 7) == 7 and env_bool("CTIP_X", True) is True
    monkeypatch.setenv("CTIP_X", "")
    assert env_int("CTIP_X", 7) == 7 and env_bool("CTIP_X", True) is True


def test_values_are_read(monkeypatch):
    monkeypatch.setenv("CTIP_X", " 42 ")
    assert env_int("CTIP_X", 7) == 42
    monkeypatch.setenv("CTIP_X", "1")
    assert env_bool("CTIP_X", False) is True
    monkeypatch.setenv("CTIP_X", "0")
    assert env_bool("CTIP_X", True) is False
    monkeypatch.setenv("CTIP_X", " a, ,b ")
    assert env_list("CTIP_X") == ["a", "b"] and env_str("CTIP_X") == " a, ,b "


def test_a_bad_number_names_the_variable_or_leaves_the_default_when_lenient(monkeypatch):
    monkeypatch.setenv("CTIP_X", "abc")
    with pytest.raises(ImproperlyConfigured, match="CTIP_X='abc' is not a whole number"):
        env_int("CTIP_X", 7)
    assert env_int("CTIP_X", 7, lenient=True) == 7


def test_only_settings_reads_the_environment_for_configuration():
    """Code reads `settings`: os.environ appears under ctip/ only to pass the environment on to a
    child process or to name the settings module."""
    from pathlib import Path

    import ctip

    root = Path(ctip.__file__).parent
    allowed = ('os.environ.setdefault("DJANGO_SETTINGS_MODULE"', "**os.environ", "dict(os.environ")
    readers = []
    for path in root.rglob("*.py"):
        if path.name == "settings.py" and path.parent == root:
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if ("os.environ" in line or "getenv(" in line) and not any(a in line for a in allowed):
                if 'os.environ.get("PYTHONPATH")' in line:  # the PDF worker's path, passed on
                    continue
                readers.append(f"{path.relative_to(root.parent)}:{n}: {line.strip()}")
    assert readers == []
