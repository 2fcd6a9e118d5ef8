"""Translations: `update` refreshes i18n/*.ts from the sources (pylupdate5) and compiles .qm
(lrelease); `check` fails when a .ts is out of date or a string has no translation;
`compile` only builds the .qm files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = ROOT / "kmzb_qgis_plugin"
I18N = ROOT / "i18n"
LANGUAGES = ("pl",)


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in PLUGIN.rglob("*.py"))


def ts_file(lang: str) -> Path:
    return I18N / f"kmzb_{lang}.ts"


def pylupdate(target: Path) -> None:
    subprocess.run(
        ["pylupdate5", "-noobsolete", *sources(), "-ts", str(target)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def messages(path: Path) -> dict[str, str | None]:
    """source -> translation (None when missing or unfinished)."""
    result = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        node = message.find("translation")
        done = node is not None and node.get("type") not in ("unfinished", "obsolete")
        result[source] = (node.text if done else None) or None
    return result


def compile_qm() -> None:
    for lang in LANGUAGES:
        subprocess.run(
            ["lrelease", "-silent", str(ts_file(lang)), "-qm", str(I18N / f"kmzb_{lang}.qm")],
            check=True,
        )


def update() -> None:
    I18N.mkdir(exist_ok=True)
    for lang in LANGUAGES:
        pylupdate(ts_file(lang))
    compile_qm()
    for lang in LANGUAGES:
        missing = [s for s, t in messages(ts_file(lang)).items() if t is None]
        print(f"{ts_file(lang).name}: {len(missing)} strings still to translate")


def check() -> int:
    problems = []
    for lang in LANGUAGES:
        committed = ts_file(lang)
        if not committed.exists():
            problems.append(f"{committed.name} is missing: run `make translations`")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / committed.name
            shutil.copy(committed, fresh)
            pylupdate(fresh)
            current = messages(fresh)
        known = messages(committed)
        new = sorted(set(current) - set(known))
        gone = sorted(set(known) - set(current))
        untranslated = sorted(s for s in current if known.get(s) is None)
        if new or gone:
            problems.append(
                f"{committed.name} is out of date with the sources: {len(new)} new, "
                f"{len(gone)} obsolete strings (run `make translations`): "
                f"{(new + gone)[:5]}"
            )
        if untranslated:
            problems.append(
                f"{committed.name}: {len(untranslated)} strings without a "
                f"translation, e.g. {untranslated[:5]}"
            )
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"translations: {'FAILED' if problems else 'ok'}")
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    elif command == "compile":
        compile_qm()
    else:
        sys.exit(check())
