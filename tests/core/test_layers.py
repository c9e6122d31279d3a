"""Imports point down: every module under ctip/ imports only from its own layer or lower ones, and
no two packages import each other (directly or round a longer loop).

Every import is read with `ast`, at the top of a module and inside functions alike, so a deferred
import cannot hide an upward arrow. The order is written down in docs/architecture.md.
"""

from __future__ import annotations

import ast
from pathlib import Path

import ctip

ROOT = Path(ctip.__file__).parent

# Lowest first. A package may import its own layer's packages and those of lower layers. "ctip"
# stands for the modules at the top of the tree (settings, urls, cli, wsgi, __main__).
LAYERS: list[set[str]] = [
    {"azlang", "reference"},  # pure Python: the language and the reference data
    {"extraction"},  # pure Python: reading reports
    {"core"},  # low helpers: keys, sandbox, backup, display, charts, middleware, health
    {"audit"},
    {"accounts"},
    {"jobs"},
    {"plan"},
    {"records"},
    {"cases"},
    {"reports", "reminders"},
    {"api"},
    {"web", "demo", "ctip"},  # the start page and navigation, the demo data, the project's wiring
]
LAYER_OF = {package: n for n, layer in enumerate(LAYERS) for package in layer}


def module_name(path: Path) -> str:
    parts = ["ctip", *path.relative_to(ROOT).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    """The first name under ctip ("ctip.plan.models" -> "plan"); "ctip" for top-level modules."""
    parts = module.split(".")
    if len(parts) == 1 or (ROOT / parts[1]).is_dir():
        return parts[1] if len(parts) > 1 else "ctip"
    return "ctip"


def imports_of(path: Path, module: str | None = None) -> list[tuple[int, str]]:
    """(line, imported module) of every ctip import in the file, in functions too; an import under
    `if TYPE_CHECKING:` names a type for the checker only and is not an arrow at run time."""
    module = module or module_name(path)
    base = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    type_only = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING")
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                target = ".".join(base[: len(base) - node.level + 1] + [node.module or ""])
            else:
                target = node.module or ""
            target = target.rstrip(".")
            if target == "ctip":  # from ctip import azlang: each name is a package
                found += [(node.lineno, f"ctip.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, target))
    return [(line, name) for line, name in found if name.split(".")[0] == "ctip"]


def ctip_modules() -> list[Path]:
    return sorted(p for p in ROOT.rglob("*.py") if "migrations" not in p.parts)


def package_arrows() -> dict[tuple[str, str], str]:
    """(importer package, imported package) -> the first place it happens, as file:line."""
    arrows: dict[tuple[str, str], str] = {}
    for path in ctip_modules():
        source = package_of(module_name(path))
        for line, target in imports_of(path):
            arrow = (source, package_of(target))
            if arrow[0] != arrow[1]:
                where = f"{path.relative_to(ROOT.parent)}:{line} imports {target}"
                arrows.setdefault(arrow, where)
    return arrows


def test_every_package_has_a_layer():
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    assert packages - set(LAYER_OF) == set(), "add the new package to LAYERS and the docs"


def test_no_module_imports_from_a_higher_layer():
    upward = []
    for path in ctip_modules():
        source = package_of(module_name(path))
        for line, target in imports_of(path):
            if LAYER_OF[package_of(target)] > LAYER_OF[source]:
                upward.append(f"{path.relative_to(ROOT.parent)}:{line} imports {target}")
    assert upward == [], "imports from a higher layer:\n" + "\n".join(upward)


def module_arrows() -> dict[tuple[str, str], str]:
    """(importer module, imported module) -> file:line, imports inside functions included (a
    deferred import hides an arrow; it does not remove it)."""
    modules = {module_name(p): p for p in ctip_modules()}
    arrows: dict[tuple[str, str], str] = {}
    for name, path in modules.items():
        for line, target in imports_of(path):
            while target not in modules and "." in target:  # from package import name
                target = target.rsplit(".", 1)[0]
            if target in modules and target != name:
                arrows.setdefault((name, target), f"{path.relative_to(ROOT.parent)}:{line}")
    return arrows


def _loops(arrows: dict[tuple[str, str], str]) -> list[str]:
    graph: dict[str, set[str]] = {}
    for source, target in arrows:
        graph.setdefault(source, set()).add(target)

    def path_back(start: str) -> list[str] | None:
        """A loop start -> ... -> start, if there is one (depth-first)."""
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    return trail + [start]
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, trail + [nxt]))
        return None

    loops = []
    for node in sorted(graph):
        loop = path_back(node)
        if loop:
            steps = [arrows[(a, b)] for a, b in zip(loop, loop[1:], strict=False)]
            loops.append(" -> ".join(loop) + ":\n  " + "\n  ".join(steps))
    return loops


def test_no_import_cycle_between_packages():
    loops = _loops(package_arrows())
    assert loops == [], "import cycles between packages:\n" + "\n".join(loops)


def test_no_import_cycle_between_modules():
    loops = _loops(module_arrows())
    assert loops == [], "import cycles between modules:\n" + "\n".join(loops)


def test_the_reader_sees_deferred_relative_and_package_imports(tmp_path):
    """What the checks above rest on: no way of writing an import slips past the reader."""
    source = tmp_path / "fake.py"
    source.write_text(
        "from ctip import azlang\n"
        "from . import models\n"
        "from ..catalogue import selectors\n"
        "def later():\n"
        "    import ctip.cases.services\n"
        "    from ctip.reports.compose import compose_report\n",
        encoding="utf-8",
    )
    assert imports_of(source, "ctip.plan.catalogue.fake") == [
        (1, "ctip.azlang"),
        (2, "ctip.plan.catalogue"),  # the package the names come from
        (3, "ctip.plan.catalogue"),
        (5, "ctip.cases.services"),
        (6, "ctip.reports.compose"),
    ]
    assert [package_of(name) for _, name in imports_of(source, "ctip.plan.catalogue.fake")] == [
        "azlang",
        "plan",
        "plan",
        "cases",
        "reports",
    ]
