"""Issue 11, "one permission model": who may do what is decided only in each app's permissions.py,
from role sets defined once in ctip/accounts/roles.py.

The attack surface this closes: checks written by hand in views, templates and forms
(`user.role == "focal_point"`) drift from the rules in permissions.py, so a page can offer — or
a form accept — what the service would refuse, or the other way round.
"""

import ast
import re
from pathlib import Path

import pytest

CTIP = Path(__file__).resolve().parents[2] / "ctip"
ROLE_VALUES = ("case_worker", "supervisor", "focal_point", "coordinator", "analyst", "auditor")
# Where roles may be named: the role table itself, accounts (users, 2FA), the demo data.
ALLOWED = ("accounts/", "demo/", "migrations/", "reference/")


def _sources(pattern: str):
    for path in sorted(CTIP.rglob(pattern)):
        rel = path.relative_to(CTIP).as_posix()
        if rel.endswith("permissions.py") or any(a in rel for a in ALLOWED):
            continue
        yield rel, path.read_text(encoding="utf-8")


def test_no_role_checks_outside_the_permission_modules():
    found = []
    role_literal = re.compile("[\"']({})[\"']".format("|".join(ROLE_VALUES)))
    for rel, text in _sources("*.py"):
        for n, line in enumerate(text.splitlines(), 1):
            if (
                re.search(
                    r"(?<!permissions)\.(role|is_reviewer|is_superuser|sees_narrative_pii)\b", line
                )
                or re.search(r"\bRole\.", line)
                or role_literal.search(line)
            ) and "noqa" not in line:
                found.append(f"{rel}:{n}: {line.strip()}")
    for rel, text in _sources("*.html"):
        for n, line in enumerate(text.splitlines(), 1):
            if re.search(r"user\.(role|is_reviewer|is_superuser|sees_narrative_pii)", line):
                found.append(f"{rel}:{n}: {line.strip()[:120]}")
    assert not found, "role checks outside permissions.py:\n" + "\n".join(found)


@pytest.mark.parametrize("app", ["cases", "plan", "records", "reports"])
def test_permission_modules_use_role_sets_from_accounts_roles(app):
    tree = ast.parse((CTIP / app / "permissions.py").read_text(encoding="utf-8"))
    members = [
        f"line {node.lineno}: Role.{node.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == "Role"
        and node.attr.isupper()
    ]
    assert not members, f"{app}/permissions.py names roles itself: {members}"
    imported = {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "ctip.accounts.roles"
        for alias in node.names
    }
    assert imported and all(
        name.endswith("_ROLES") or name in ("Role", "role_of") for name in imported
    )


@pytest.mark.parametrize("app", ["cases", "plan", "records"])
def test_each_permission_module_has_a_predicate_and_a_queryset_filter(app):
    import importlib

    module = importlib.import_module(f"ctip.{app}.permissions")
    names = set(dir(module))
    assert any(n.startswith("can_") for n in names), app
    assert any(n.endswith("_q") for n in names), app
