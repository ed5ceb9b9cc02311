"""The layers hold (DESIGN §3-4.1): nothing below desktop_app/ui imports Qt (every core module is imported
with PySide6 blocked), the CLI never imports the UI, the UI holds no SQL, no import circles, rooms under
400 lines, and every package is in the wheel."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.helpers.cli import ROOT

BLOCK_QT = """
import importlib, pkgutil, sys
class BlockQt:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('Qt is blocked below desktop_app/ui: ' + name)
sys.meta_path.insert(0, BlockQt())
import desktop_app, provincial_server
names = [m.name for m in pkgutil.walk_packages(desktop_app.__path__, 'desktop_app.')
         if not m.name.startswith(('desktop_app.ui', 'desktop_app.store.migrations'))]
names += [m.name for m in pkgutil.walk_packages(provincial_server.__path__, 'provincial_server.')
          if '.migrations' not in m.name and m.name != 'provincial_server.__main__']
for name in names:
    importlib.import_module(name)
print(len(names))
"""


def test_core_imports_without_qt() -> None:
    result = subprocess.run([sys.executable, "-c", BLOCK_QT], cwd=ROOT, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 10


def test_domain_imports_neither_qt_nor_sqlalchemy() -> None:
    for path in (ROOT / "desktop_app" / "domain").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for banned in ("PySide6", "sqlalchemy"):
            assert f"import {banned}" not in text and f"from {banned}" not in text, (path.name, banned)


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _top_level_imports(path: Path, package: str) -> set[str]:
    """Modules this file imports when it is loaded (not inside functions, not for type checking only)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node) if isinstance(node, ast.Import | ast.ImportFrom) else [node]:
            if isinstance(sub, ast.Import):
                found.update(alias.name for alias in sub.names)
            elif isinstance(sub, ast.ImportFrom):
                base = sub.module or ""
                if sub.level:
                    base = ".".join([*package.split(".")[:len(package.split(".")) - sub.level + 1], base]).strip(".")
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in sub.names)
    return {name for name in found if name.startswith("desktop_app")}


def _graph() -> dict[str, set[str]]:
    files = {_module_name(p): p for p in (ROOT / "desktop_app").rglob("*.py") if "migrations" not in p.parts}
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = {m for m in _top_level_imports(path, package) if m in files and m != name}
    return graph


def test_no_import_circles() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append([*trail[trail.index(nxt):], nxt] if nxt in trail else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for start in sorted(graph):
        if start not in state:
            visit(start, [start])
    # a package's __init__ importing its own modules is not a circle worth failing on
    real = [c for c in cycles if not all(c[0].startswith(m) or m.startswith(c[0]) for m in c)]
    assert not real, real


def test_cli_never_imports_the_ui() -> None:
    for path in (ROOT / "desktop_app" / "cli").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "desktop_app.ui" not in text and "PySide6" not in text, path.name


def test_no_sql_in_the_ui() -> None:
    sql = re.compile(r"\b(SELECT|INSERT|UPDATE|DELETE)\s+[\w*]|\bsqlalchemy\b|desktop_app\.store\b|\bsqlite3\b")
    offenders = [str(p.relative_to(ROOT)) for p in (ROOT / "desktop_app" / "ui").rglob("*.py")
                 if sql.search(p.read_text(encoding="utf-8"))]
    assert not offenders


def _code_files() -> list[Path]:
    return [p for top in ("desktop_app", "provincial_server") for p in (ROOT / top).rglob("*.py")]


def test_rooms_stay_under_400_lines() -> None:
    big = {str(p.relative_to(ROOT)): n for p in _code_files() if "migrations" not in p.parts
           and (n := len(p.read_text(encoding="utf-8").splitlines())) > 400}
    assert not big


def test_every_package_is_in_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    found = {_module_name(p.parent / "__init__.py") for p in _code_files() if p.name == "__init__.py"}
    assert found - listed == set()


# DESIGN §3: the server shares only the domain and the protocol with the desktop (the domain itself
# uses messages and paths); the protocol module imports nothing but pydantic, the standard library and domain.
SERVER_MAY_IMPORT = ("desktop_app.domain", "desktop_app.sync.protocol")


def _imports_of(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_the_server_shares_only_domain_and_protocol() -> None:
    offenders = {str(p.relative_to(ROOT)): sorted(m for m in _imports_of(p) if m.startswith("desktop_app")
                                                  and not m.startswith(SERVER_MAY_IMPORT))
                 for p in (ROOT / "provincial_server").rglob("*.py")}
    assert not {k: v for k, v in offenders.items() if v}


def test_the_protocol_imports_only_pydantic_and_domain() -> None:
    allowed_third_party = {"pydantic"}
    modules = _imports_of(ROOT / "desktop_app" / "sync" / "protocol.py")
    outside = {m for m in modules if m.split(".")[0] not in sys.stdlib_module_names
               and m.split(".")[0] not in allowed_third_party and not m.startswith("desktop_app.domain")}
    assert not outside, outside


def test_every_resources_folder_is_in_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["packages"])
    resources = ROOT / "resources"
    folders = {p.parent.relative_to(resources).parts for p in resources.rglob("*") if p.is_file()}
    names = {".".join(("desktop_app", "resources", *parts)) for parts in folders}
    assert names - listed == set()
