"""One catalogue for every message a service or the domain shows to a user (a code plus parameters).

A `Message` is data: the code names an entry of `resources/messages/<language>/*.toml` (one file
per area: env, domain, certificates, records, …; a code is defined once), the
parameters fill its `{placeholders}`. It is rendered in the UI's language only when shown, so
services and domain rules never hold a translated sentence and an English catalogue needs no change
below the UI. Each entry has a `text` and, where the user can do something about it, a `hint`.
The catalogues are loaded and checked at start-up (`check_catalogues`), like the rules.
"""

from __future__ import annotations

import functools
import os
import string
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop_app.paths import resources_dir

DEFAULT_LANGUAGE = "zh_CN"
LANGUAGES = ("zh_CN", "en")
MESSAGES_DIR = "messages"

_language = DEFAULT_LANGUAGE


class CatalogueError(Exception):
    """A catalogue file is broken: a developer's or an administrator's mistake, named with its file."""


@dataclass(frozen=True)
class Entry:
    text: str
    hint: str | None = None


@dataclass(frozen=True)
class Message:
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str | None = None) -> str:
        return _fill(entry(self.code, language).text, self.params)

    def hint(self, language: str | None = None) -> str | None:
        hint = entry(self.code, language).hint
        return _fill(hint, self.params) if hint else None

    def __str__(self) -> str:
        return self.text()


def msg(code: str, **params: Any) -> Message:
    return Message(code, params)


def joined(items: Iterable[object]) -> str:
    """Items as a list in the current language: 甲、乙 in Chinese, "a, b" in English."""
    return entry("list.separator").text.join(str(item) for item in items)


def set_language(language: str) -> None:
    """The language messages render in from now on (the UI's language, chosen at start)."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _language = language


def current_language() -> str:
    return _language


LANGUAGE_VARIABLE = "CERTDESK_LANGUAGE"  # overrides the workspace's setting (a test, a one-off English session)


def language_override(environ: Mapping[str, str] | None = None) -> str:
    """The language CERTDESK_LANGUAGE imposes over the saved setting ('' when none, or not a known one)."""
    chosen = (os.environ if environ is None else environ).get(LANGUAGE_VARIABLE, "")
    return chosen if chosen in LANGUAGES else ""


def choose_language(saved: str, environ: Mapping[str, str] | None = None) -> str:
    """The language to start in: CERTDESK_LANGUAGE, else the saved setting, else Simplified Chinese.
    An unknown value falls back to the default rather than stopping the start."""
    for candidate in (language_override(environ), saved):
        if candidate in LANGUAGES:
            return candidate
    return DEFAULT_LANGUAGE


class _Lenient(dict):  # a parameter a caller forgot shows as {name} instead of crashing the report
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, params: Mapping[str, Any]) -> str:
    try:  # str.format_map fills as Formatter().vformat does, in C (a search page renders ~50 messages)
        return template.format_map(_Lenient(params))
    except (ValueError, IndexError):  # e.g. a positional "{0}": vformat's own answer (or error)
        return string.Formatter().vformat(template, (), _Lenient(params))


def entry(code: str, language: str | None = None) -> Entry:
    """The entry for `code`; the default language's when the chosen one lacks it, else the code itself."""
    for lang in (language or _language, DEFAULT_LANGUAGE):
        found = catalogue(lang).get(code)
        if found is not None:
            return found
    return Entry(code)


@functools.cache
def catalogue(language: str) -> dict[str, Entry]:
    entries: dict[str, Entry] = {}
    for path in sorted((resources_dir() / MESSAGES_DIR / language).glob("*.toml")):
        for code, found in _load(path).items():
            if code in entries:
                raise CatalogueError(f"{path}: {code}: defined twice in the {language} catalogue")
            entries[code] = found
    return entries


def _load(path: Path) -> dict[str, Entry]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogueError(f"{path}: {exc}") from exc
    entries: dict[str, Entry] = {}
    _collect(path, "", data, entries)
    return entries


def _collect(path: Path, prefix: str, table: Mapping[str, Any], out: dict[str, Entry]) -> None:
    for key, value in table.items():
        code = f"{prefix}{key}"
        if not isinstance(value, dict):
            raise CatalogueError(f"{path}: {code}: expected a table with text (and hint)")
        if "text" in value:
            text, hint = value["text"], value.get("hint")
            if not isinstance(text, str) or not (hint is None or isinstance(hint, str)):
                raise CatalogueError(f"{path}: {code}: text and hint must be strings")
            out[code] = Entry(text, hint)
            rest = {k: v for k, v in value.items() if k not in ("text", "hint")}
        else:
            rest = value
        _collect(path, f"{code}.", rest, out)


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def check_catalogues() -> None:
    """Every language has every code of the default one, with the same placeholders (start-up check)."""
    base = catalogue(DEFAULT_LANGUAGE)
    if not base:
        raise CatalogueError(f"{resources_dir() / MESSAGES_DIR / DEFAULT_LANGUAGE}: no messages")
    for language in LANGUAGES[1:]:
        other = catalogue(language)
        for code, found in other.items():
            if code not in base:
                raise CatalogueError(f"{language}: {code}: not in the {DEFAULT_LANGUAGE} catalogue")
            if placeholders(found.text) != placeholders(base[code].text):
                raise CatalogueError(f"{language}: {code}: placeholders differ from the {DEFAULT_LANGUAGE} catalogue")
