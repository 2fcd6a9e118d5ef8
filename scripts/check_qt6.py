"""Qt6 / QGIS 4 check: every Qt and PyQGIS enum fully scoped, no exec_().

Walks the AST of the given Python files and resolves each attribute chain that starts at a
name imported from `qgis.PyQt.*` or `qgis.core`, `qgis.gui`, ... (`Qt.ItemDataRole.UserRole`):

- Qt names are resolved against PyQt6's own classes (`qgis.PyQt.QtCore` -> `PyQt6.QtCore`
  ...). PyQt6 is imported only in a child process, never by the plugin or a QGIS process.
  PyQt6 has no unscoped enum members, so `Qt.UserRole` does not resolve there and is reported.
- PyQGIS names are resolved against the installed QGIS (3.22 here) in another child process:
  the scoped form must exist there too, and a member reached straight from its class
  (`Qgis.Info`, which sip still allows) is reported as unscoped.

A step that reaches an enum member whose parent is a class rather than an enum type is
"unscoped"; a step that does not exist is "missing". Resolution stops at anything that is
neither a module, a class nor an enum type (methods, constants, members).

Run `python scripts/check_qt6.py [paths]` to list findings (exit 1 if any).
"""

from __future__ import annotations

import ast
import enum
import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Files that run inside QGIS: the plugin, its tests and helpers, scripts and benchmarks.
DEFAULT_PATHS = ("kmzb_qgis_plugin", "tests", "scripts", "bench")
QGIS_MODULES = ("qgis.core", "qgis.gui", "qgis.analysis", "qgis.utils")
# QGIS's qgis.PyQt.QtWidgets keeps these importable on Qt6, though Qt6 moved them to QtGui
# (qgis/QGIS pull requests 55658 and 57467).
QT6_MOVED_TO_GUI = {"QAction", "QActionGroup", "QShortcut"}


@dataclass(frozen=True)
class Use:
    """One attribute chain (or imported name) rooted in a Qt or PyQGIS module."""

    path: str
    line: int
    module: str  # e.g. qgis.PyQt.QtCore or qgis.core
    chain: tuple[str, ...]  # names after the module, e.g. ("Qt", "ItemDataRole", "UserRole")


def _imports(tree: ast.AST) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Local name -> (module, names after it) for `from qgis... import X [as Y]`."""
    names: dict[str, tuple[str, tuple[str, ...]]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.ImportFrom) or not node.module or node.level:
            continue
        mod = node.module
        for alias in node.names:
            local = alias.asname or alias.name
            if mod == "qgis.PyQt" or mod == "qgis":
                names[local] = (f"{mod}.{alias.name}", ())
            elif mod.startswith("qgis.PyQt.") or mod in QGIS_MODULES:
                names[local] = (mod, (alias.name,))
    return names


def collect(source: str, path: str = "<snippet>") -> tuple[list[Use], list[str]]:
    """Chains to resolve and findings that need no resolving (exec_)."""
    tree = ast.parse(source, filename=path)
    names = _imports(tree)
    uses: list[Use] = []
    findings: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            for alias in node.names:
                module, prefix = names.get(alias.asname or alias.name, ("", ()))
                if prefix:
                    uses.append(Use(path, node.lineno, module, prefix))
    inner = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute):
            continue
        if node.attr == "exec_":
            findings.append(f"{path}:{node.lineno}: exec_() -> use exec()")
        if id(node) in inner:
            continue
        parts: list[str] = []
        cur: ast.expr = node
        while isinstance(cur, ast.Attribute):
            parts.append(cur.attr)
            cur = cur.value
        if isinstance(cur, ast.Name) and cur.id in names:
            module, prefix = names[cur.id]
            uses.append(Use(path, node.lineno, module, prefix + tuple(reversed(parts))))
    return uses, findings


# --- resolving, in a child process --------------------------------------------------
def _is_enum_type(obj: object) -> bool:
    return isinstance(obj, type) and (
        issubclass(obj, enum.Enum) or type(obj).__name__ == "enumtype"  # PyQt5's sip enums
    )


def _is_enum_member(obj: object) -> bool:
    return isinstance(obj, enum.Enum) or type(type(obj)).__name__ == "enumtype"


def _scoped_hint(owner: object, name: str) -> str:
    """Owner.Enum.name for an enum type inside owner that has a member `name`."""
    for attr in dir(owner):
        candidate = getattr(owner, attr, None)
        if _is_enum_type(candidate) and attr != name and hasattr(candidate, name):
            return f"{attr}.{name}"
    return ""


def resolve(module: str, chain: list[str]) -> str:
    """'' when the chain resolves scoped, else what is wrong (run in the child process)."""
    import importlib
    import types

    try:
        obj: object = importlib.import_module(module)
    except ImportError as exc:
        return f"module {module} not importable: {exc}"
    for i, part in enumerate(chain):
        navigable = isinstance(obj, (types.ModuleType, type)) or _is_enum_type(obj)
        if not navigable:
            break
        if not hasattr(obj, part):
            hint = _scoped_hint(obj, part)
            where = ".".join([module, *chain[:i]])
            scoped = ".".join([*chain[:i], hint])
            return f"{part} not in {where}" + (f" (scoped: {scoped})" if hint else "")
        child = getattr(obj, part)
        if _is_enum_member(child) and not _is_enum_type(obj):
            kind = type(child)
            if getattr(obj, kind.__name__, None) is kind:
                scoped = ".".join([*chain[:i], kind.__name__, part])
            else:  # an alias QGIS keeps for an enum it moved, e.g. into Qgis
                scoped = f"{kind.__qualname__}.{getattr(child, 'name', part)}"
            return f"unscoped enum member (scoped: {scoped})"
        obj = child
    return ""


def _probe() -> None:
    """Child process: read [[module, chain], ...] as JSON on stdin, answer one string each."""
    requests = json.load(sys.stdin)
    json.dump([resolve(module, chain) for module, chain in requests], sys.stdout)


def _run_probe(requests: list[tuple[str, list[str]]]) -> list[str]:
    if not requests:
        return []
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--probe"],
        input=json.dumps(requests),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(proc.stdout)


def _target(use: Use) -> tuple[str, tuple[str, ...]]:
    """Where a use is resolved: PyQt6 for qgis.PyQt.*, the installed QGIS otherwise."""
    if use.module.startswith("qgis.PyQt."):
        qt_module = use.module.split(".")[2]
        if qt_module == "QtWidgets" and use.chain[0] in QT6_MOVED_TO_GUI:
            qt_module = "QtGui"
        return f"PyQt6.{qt_module}", use.chain
    return use.module, use.chain


def check_uses(uses: list[Use]) -> list[str]:
    """Findings for uses, resolved in two child processes (PyQt6; the installed QGIS)."""
    targets = sorted({_target(u) for u in uses})
    answers: dict[tuple[str, tuple[str, ...]], str] = {}
    for is_qt in (True, False):
        batch = [t for t in targets if t[0].startswith("PyQt6.") == is_qt]
        answers.update(zip(batch, _run_probe([(m, list(c)) for m, c in batch]), strict=True))
    findings = []
    for use in uses:
        target = _target(use)
        if answers[target]:
            dotted = ".".join(use.chain)
            findings.append(f"{use.path}:{use.line}: {dotted}: {answers[target]} [{target[0]}]")
    return sorted(set(findings))


def check_source(source: str, path: str = "<snippet>") -> list[str]:
    """All findings for one piece of source."""
    uses, findings = collect(source, path)
    return sorted(findings + check_uses(uses))


def python_files(paths: list[str]) -> list[Path]:
    files: list[Path] = []
    for p in paths:
        path = ROOT / p
        files += sorted(path.rglob("*.py")) if path.is_dir() else [path]
    return files


def check_paths(paths: list[str]) -> list[str]:
    """All findings for the files under paths (relative to the repository)."""
    uses: list[Use] = []
    findings: list[str] = []
    for file in python_files(paths):
        rel = str(file.relative_to(ROOT))
        file_uses, file_findings = collect(file.read_text(encoding="utf-8"), rel)
        uses += file_uses
        findings += file_findings
    return sorted(findings + check_uses(uses))


def main() -> int:
    if sys.argv[1:] == ["--probe"]:
        _probe()
        return 0
    findings = check_paths(sys.argv[1:] or list(DEFAULT_PATHS))
    print("\n".join(findings) or "Qt6 check: no findings")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
