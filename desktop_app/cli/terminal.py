"""Terminal output: aligned tables that respect CJK double width, data made safe to print, a progress line.

Everything the CLI prints from the cache or from a file is data that anyone may have typed: a name
carrying ESC sequences would retitle the window or clear the screen, a bidi override would reorder
the line. `safe_text` is the one gate every print of data goes through (`render_table` applies it
to every cell); `json_text` is the same for `--json`. Command-line arguments the OS could not decode
as UTF-8 are refused before a command runs, and the reasons it fails with are made safe too
(`guarded`).

What the CLI says to a person comes from the message catalogue (`cli.*` codes, in the language chosen
at start); JSON is a contract other programs read and stays the same in every language
(`contract_language`).
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from desktop_app.errors import KnownError
from desktop_app.messages import DEFAULT_LANGUAGE, current_language, msg, set_language

# C0 controls except \t and \n, DEL, C1 (U+0080–U+009F: 0x9B is a CSI on many terminals), the
# bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks, the Unicode
# line separators, and lone surrogates (undecodable bytes; printing one would crash).
_CONTROL = "\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_UNSAFE_LINE = re.compile(f"[{_CONTROL}]")
_UNSAFE_CELL = re.compile(f"[\t\n{_CONTROL}]")  # in a table cell a line break would forge a row
# json.dumps escapes C0 itself but leaves these as they are
_UNSAFE_JSON = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_SURROGATE = re.compile("[\ud800-\udfff]")

ArgsRun = Callable[[argparse.Namespace, Any], int]


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # an undecodable byte, as Python's surrogateescape carries it
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def safe_text(value: object, cell: bool = False) -> str:
    """`value` as text a terminal shows but never obeys: each control character becomes a visible escape.

    An ESC sequence is defused by escaping its ESC (it then prints as `\\x1b[2J`, plain text).
    `cell=True` also escapes tab and line breaks, which would break a table's columns and rows.
    """
    return (_UNSAFE_CELL if cell else _UNSAFE_LINE).sub(_escape, str(value))


def json_text(value: Any) -> str:
    """JSON for `--json`: valid, readable CJK, and every control character \\u-escaped.

    json.dumps escapes C0 itself; DEL, C1 and the bidi controls are escaped here (they can only
    occur inside strings, where \\uXXXX means the same character).
    """
    dumped = json.dumps(value, ensure_ascii=False, indent=1)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


@contextlib.contextmanager
def contract_language() -> Iterator[None]:
    """Texts a service renders while this is open come out in the default language: for `--json`,
    whose values (a search hit's `blocked`, a verdict's `message`) are the same in every language."""
    chosen = current_language()
    set_language(DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        set_language(chosen)


def with_hint(text: str, hint: str | None) -> str:
    """A reason and, when there is one, what to do about it: one line."""
    return str(msg("cli.with_hint", text=text, hint=hint)) if hint else text


def joined(items: Iterable[object], separator: str = "cli.list_separator") -> str:
    """Items joined the current language's way (、 or a comma; `cli.clause_separator`: ； or a semicolon)."""
    return str(msg(separator)).join(str(item) for item in items)


def guarded(run: ArgsRun) -> ArgsRun:
    """`run`, refusing first any text argument that is not valid UTF-8 (one line, exit 2), and with
    the reason of a KnownError it raises made safe to print (a reason may quote a file's cell).

    Python hands undecodable argv bytes over as lone surrogates; they would reach SQLite (and
    every print) as text that cannot be encoded.
    """

    @functools.wraps(run)
    def checked(args: argparse.Namespace, cli: Any) -> int:
        for name, value in vars(args).items():
            if isinstance(value, str) and _SURROGATE.search(value):
                raise KnownError(msg("cli.argument_not_utf8", argument=name.replace("_", "-"),
                                     value=safe_text(value)))
        try:
            return run(args, cli)
        except KnownError as exc:
            text, hint = str(exc), exc.hint
            if safe_text(text) == text and (hint is None or safe_text(hint) == hint):
                raise
            raise type(exc)(safe_text(text), hint=None if hint is None else safe_text(hint)) from exc

    return checked


def display_width(text: str) -> int:
    """Columns on a terminal: CJK characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def render_table(headers: Sequence[str], body: Sequence[Sequence[str]]) -> str:
    rows = [tuple(safe_text(c, cell=True) for c in row) for row in (headers, *body)]
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(headers))]
    lines = ["  ".join(_pad(cell, w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def progress_printer(verb: str, counts: bool = False) -> Callable[[int, int], None] | None:
    """A progress line on stderr, only for a person watching a terminal (quiet in scripts and tests)."""
    if not sys.stderr.isatty():
        return None
    started = time.monotonic()

    def show(done: int, total: int) -> None:
        percent = 100 * done // total if total else 100
        count = f" {done}/{total}" if counts else ""
        sys.stderr.write(f"\r{verb}{count} {percent:3d}%  {time.monotonic() - started:6.1f} s")
        sys.stderr.flush()

    return show
