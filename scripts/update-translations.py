"""Bring the UI's translation sources up to date with the code, then compile them.

    python scripts/update-translations.py          # lupdate every feature's .ts, then lrelease to .qm
    python scripts/update-translations.py --check  # exit 1 if a .ts or .qm is behind the code, or a
                                                   # text has no translation (run by the test suite)
    python scripts/update-translations.py --pending FEATURE > todo.json   # the untranslated texts
    python scripts/update-translations.py --apply done.json               # fill them in, then update

One `.ts` per folder of `desktop_app/ui` (the top-level modules make `main`), in
`resources/translations/<language>/`; both `.ts` and `.qm` are committed, so an installed or bundled
app needs no Qt tools. Translate a new text in the `.ts` (pyside6-linguist, or an editor) and run this
again.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UI = ROOT / "desktop_app" / "ui"
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("en",)  # the source texts are Simplified Chinese
# Hand-written catalogues that only need compiling: corrections to Qt's own (zh_CN/qtbase_fixes.ts).
HAND_WRITTEN = ("zh_CN",)
MAIN = "main"


def features() -> dict[str, list[Path]]:
    """Feature name → its Python files (a folder of ui/, or `main` for ui/'s own modules)."""
    found = {MAIN: sorted(UI.glob("*.py"))}
    for folder in sorted(p for p in UI.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        found[folder.name] = sorted(folder.rglob("*.py"))
    return found


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    return str(here) if here.exists() else name


def lupdate(files: list[Path], ts: Path, language: str) -> None:
    ts.parent.mkdir(parents=True, exist_ok=True)
    cmd = [tool("pyside6-lupdate"), *map(str, files), "-no-obsolete", "-locations", "none",
           "-source-language", "zh_CN", "-target-language", language, "-ts", str(ts)]
    subprocess.run(cmd, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    subprocess.run([tool("pyside6-lrelease"), "-nounfinished", str(ts), "-qm", str(qm)], check=True,
                   capture_output=True)


def unfinished(ts: Path) -> list[str]:
    """The source texts of `ts` that have no translation yet."""
    root = ET.parse(ts).getroot()
    missing = []
    for message in root.iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete") \
                or not (translation.text or "").strip():
            missing.append(message.findtext("source") or "")
    return missing


def update(only: list[str] | None = None) -> int:
    for language in LANGUAGES:
        for name, files in features().items():
            if only and name not in only:
                continue
            ts = TRANSLATIONS / language / f"{name}.ts"
            lupdate(files, ts, language)
            lrelease(ts, ts.with_suffix(".qm"))
            left = unfinished(ts)
            if left:
                print(f"{ts.relative_to(ROOT)}: {len(left)} text(s) to translate")
    for ts in hand_written():
        lrelease(ts, ts.with_suffix(".qm"))
    return 0


def hand_written() -> list[Path]:
    return sorted(ts for language in HAND_WRITTEN for ts in (TRANSLATIONS / language).glob("*.ts"))


def check() -> int:
    """Re-run both tools on copies; any difference, or a text without translation, is a failure."""
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        for language in LANGUAGES:
            committed = TRANSLATIONS / language
            expected = {f"{name}.ts" for name in features()} | {f"{name}.qm" for name in features()}
            extra = {p.name for p in committed.glob("*.[tq][sm]")} - expected
            problems += [f"{language}/{name}: no such feature folder any more" for name in sorted(extra)]
            for name, files in features().items():
                ts, copy = committed / f"{name}.ts", Path(tmp) / language / f"{name}.ts"
                copy.parent.mkdir(parents=True, exist_ok=True)
                if ts.exists():
                    shutil.copy(ts, copy)
                lupdate(files, copy, language)
                if not ts.exists() or not filecmp.cmp(ts, copy, shallow=False):
                    problems.append(f"{language}/{name}.ts is behind the code: run scripts/update-translations.py")
                problems += [f"{language}/{name}.ts: not translated: {text!r}" for text in unfinished(copy)]
                lrelease(copy, copy.with_suffix(".qm"))
                qm = ts.with_suffix(".qm")
                if not qm.exists() or not filecmp.cmp(qm, copy.with_suffix(".qm"), shallow=False):
                    problems.append(f"{language}/{name}.qm is behind its .ts: run scripts/update-translations.py")
        for ts in hand_written():
            copy = Path(tmp) / ts.parent.name / ts.with_suffix(".qm").name
            copy.parent.mkdir(parents=True, exist_ok=True)
            lrelease(ts, copy)
            qm = ts.with_suffix(".qm")
            if not qm.exists() or not filecmp.cmp(qm, copy, shallow=False):
                problems.append(f"{ts.parent.name}/{qm.name} is behind its .ts: run scripts/update-translations.py")
    for line in problems:
        print(line)
    return 1 if problems else 0


def pending(feature: str, language: str) -> int:
    """The feature's untranslated texts as JSON: [{"feature", "context", "source", "translation": ""}]."""
    ts = TRANSLATIONS / language / f"{feature}.ts"
    todo = []
    for context in ET.parse(ts).getroot().iter("context"):
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            if source in unfinished_in(message):
                todo.append({"feature": feature, "context": context.findtext("name") or "", "source": source,
                             "translation": ""})
    print(json.dumps(todo, ensure_ascii=False, indent=1))
    return 0


def unfinished_in(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    done = translation is not None and translation.get("type") is None and (translation.text or "").strip()
    return [] if done else [message.findtext("source") or ""]


def apply(path: Path, language: str) -> int:
    """Write the translations of a JSON list (as --pending prints, filled in) into their .ts files."""
    done = json.loads(path.read_text(encoding="utf-8"))
    by_feature: dict[str, dict[tuple[str, str], str]] = {}
    for item in done:
        if item.get("translation", "").strip():
            by_feature.setdefault(item["feature"], {})[(item["context"], item["source"])] = item["translation"]
    for feature, table in by_feature.items():
        ts = TRANSLATIONS / language / f"{feature}.ts"
        tree = ET.parse(ts)
        for context in tree.getroot().iter("context"):
            for message in context.iter("message"):
                key = (context.findtext("name") or "", message.findtext("source") or "")
                if key in table:
                    translation = message.find("translation")
                    if translation is None:
                        translation = ET.SubElement(message, "translation")
                    translation.attrib.pop("type", None)
                    translation.text = table[key]
        tree.write(ts, encoding="utf-8", xml_declaration=True)
    return update(list(by_feature))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("features", nargs="*", help="only these features (default: all)")
    parser.add_argument("--check", action="store_true", help="only check; change nothing")
    parser.add_argument("--pending", metavar="FEATURE", help="print FEATURE's untranslated texts as JSON")
    parser.add_argument("--apply", type=Path, metavar="FILE", help="fill in the translations of a JSON file")
    parser.add_argument("--language", default=LANGUAGES[0], choices=LANGUAGES)
    args = parser.parse_args()
    if args.pending:
        return pending(args.pending, args.language)
    if args.apply:
        return apply(args.apply, args.language)
    return check() if args.check else update(args.features)


if __name__ == "__main__":
    sys.exit(main())
