"""Every pure module stays free of ipywidgets and anywidget, however deep the import.

Pure logic (models, rules, stores, import and export) must run in a script, a
server or a test with no notebook around it. The check reads the source of
each module (no subprocess) and follows the package's own imports, including
ones made inside functions, so a view library cannot arrive second-hand.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import connecting_people

PACKAGE = Path(connecting_people.__file__).parent
VIEW_LIBRARIES = ("ipywidgets", "anywidget", "voila")
# The views: anywidgets, Voila dashboards, the dashboard frame, the book's
# Sphinx extension and the command line. Everything else is pure.
VIEW_FILE_NAMES = {"widget.py", "dashboard.py", "planner.py", "cli.py", "voila_app.py"}
VIEW_FOLDERS = {"dashboards", "sphinxext"}


def is_view(path: Path) -> bool:
    relative = path.relative_to(PACKAGE)
    return (
        path.name in VIEW_FILE_NAMES
        or path.name.endswith(("_dashboard.py", "_panel.py"))  # a dashboard's parts
        or bool(VIEW_FOLDERS & set(relative.parts[:-1]))
    )


def pure_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if not is_view(p))


def module_name(path: Path) -> str:
    parts = ["connecting_people", *path.relative_to(PACKAGE).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def module_path(name: str) -> Path | None:
    if name == "connecting_people":
        return PACKAGE / "__init__.py"
    relative = Path(*name.split(".")[1:])
    for candidate in (PACKAGE / relative.with_suffix(".py"), PACKAGE / relative / "__init__.py"):
        if candidate.exists():
            return candidate
    return None


@functools.cache
def imported_names(path: Path) -> frozenset[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    own = module_name(path)
    package = own if path.name == "__init__.py" else own.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return frozenset(names)


def view_imports(start: Path) -> list[str]:
    """The chain of imports from ``start`` that reaches a view library (empty when pure)."""
    seen: set[Path] = set()
    stack: list[tuple[Path, list[str]]] = [(start, [module_name(start)])]
    while stack:
        path, chain = stack.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in sorted(imported_names(path)):
            if name.split(".")[0] in VIEW_LIBRARIES:
                return [*chain, name]
            if name.startswith("connecting_people"):
                target = module_path(name)
                if target is not None and target not in seen:
                    stack.append((target, [*chain, name]))
    return []


def test_the_check_covers_every_pure_module():
    names = {module_name(p) for p in pure_modules()}
    assert "connecting_people.common.text" in names
    assert "connecting_people.tracker.store" in names
    assert "connecting_people.network.widget" not in names
    assert len(names) > 60


def test_no_pure_module_reaches_a_view_library():
    offenders = {module_name(p): chain for p in pure_modules() if (chain := view_imports(p))}
    assert offenders == {}


def test_the_check_sees_a_view_module_for_what_it_is():
    assert view_imports(PACKAGE / "network" / "widget.py")[-1].startswith("anywidget")
