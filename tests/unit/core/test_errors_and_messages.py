"""Environment errors become KnownErrors with a message and hint from the catalogue; bugs stay bugs and are logged."""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from desktop_app import messages
from desktop_app.errors import EnvironmentFault, KnownError, as_known_error
from desktop_app.logs import bug_report, log, log_path, setup_logging
from tests.helpers.cli import ROOT


def _sqlite_error(path: Path, action) -> sqlite3.Error:
    with pytest.raises(sqlite3.Error) as caught:
        action(path)
    return caught.value


def _fill_up(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x BLOB)")
    conn.execute("PRAGMA max_page_count = 8")  # a "disk" of 8 pages
    for _ in range(100):
        conn.execute("INSERT INTO t VALUES (zeroblob(4096))")
        conn.commit()


def _write_read_only(path: Path) -> None:
    sqlite3.connect(path).execute("CREATE TABLE IF NOT EXISTS t (x)").connection.commit()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    conn.execute("INSERT INTO t VALUES (1)")


def _write_locked(path: Path) -> None:
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE IF NOT EXISTS t (x)")
    holder.execute("BEGIN IMMEDIATE")
    other = sqlite3.connect(path, timeout=0)
    try:
        other.execute("INSERT INTO t VALUES (1)")
    finally:
        holder.execute("ROLLBACK")


@pytest.mark.parametrize(("action", "code"), [(_fill_up, "env.db_full"), (_write_read_only, "env.db_read_only"),
                                              (_write_locked, "env.db_locked")])
def test_real_sqlite_faults_map_to_known_errors_with_a_hint(tmp_path: Path, action, code: str) -> None:
    error = _sqlite_error(tmp_path / "t.sqlite3", action)
    known = as_known_error(error)
    assert isinstance(known, EnvironmentFault) and known.code == code
    assert "内部错误" not in str(known) and known.hint
    assert str(error) in str(known)  # SQLite's own words are kept for the administrator


def test_sqlalchemy_wrapped_errors_are_unwrapped(tmp_path: Path) -> None:
    path = tmp_path / "ro.sqlite3"
    sqlite3.connect(path).execute("CREATE TABLE t (x)").connection.commit()
    engine = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    with pytest.raises(OperationalError) as caught, engine.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (1)"))
    known = as_known_error(caught.value)
    assert known is not None and known.code == "env.db_read_only"
    engine.dispose()


def test_os_errors_and_bugs() -> None:
    full = as_known_error(OSError(errno.ENOSPC, "No space left on device", "/media/u/out.pdf"))
    assert full is not None and full.code == "env.disk_full" and "/media/u/out.pdf" in str(full)
    denied = as_known_error(PermissionError(errno.EACCES, "Permission denied", "/etc/x"))
    assert denied is not None and denied.code == "env.no_permission"
    assert as_known_error(ValueError("a bug")) is None
    assert as_known_error(KeyError("k")) is None
    plain = KnownError("已有的消息")
    assert as_known_error(plain) is plain and plain.hint is None and str(plain) == "已有的消息"


def test_messages_render_in_the_chosen_language_and_fall_back() -> None:
    message = messages.msg("env.disk_full", path="D:\\out")
    try:
        assert "磁盘空间不足" in message.text() and "D:\\out" in message.text()
        messages.set_language("en")
        assert str(KnownError(message)).startswith("The disk is full")
        assert messages.msg("no.such.code").text() == "no.such.code"
    finally:
        messages.set_language("zh_CN")
    assert messages.msg("env.disk_full").text().count("{path}") == 1  # a missing parameter never crashes


def test_catalogues_are_consistent() -> None:
    messages.check_catalogues()
    base, english = messages.catalogue("zh_CN"), messages.catalogue("en")
    assert set(english) == set(base)
    for code, entry in base.items():
        assert messages.placeholders(entry.text) == messages.placeholders(english[code].text), code


def test_every_code_used_in_the_code_is_in_the_catalogue() -> None:
    import re

    root = ROOT / "desktop_app"
    used = {m.group(1) for p in root.rglob("*.py")
            for m in re.finditer(r"""\bmsg\(\s*["']([a-z_.0-9]+)["']""", p.read_text(encoding="utf-8"))}
    used |= {code for _, code in __import__("desktop_app.errors", fromlist=["_SQLITE_FAULTS"])._SQLITE_FAULTS}
    missing = sorted(used - set(messages.catalogue("zh_CN")))
    assert not missing


def test_bugs_are_logged_with_their_traceback_in_a_rotating_file(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert path is not None and log_path() == path.resolve()
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        text = bug_report(exc)
    for handler in log.handlers:
        handler.flush()
    written = path.read_text(encoding="utf-8")
    assert "ZeroDivisionError: boom" in written and "Traceback" in written and "boom" in text
    assert any(isinstance(h, logging.handlers.RotatingFileHandler) for h in log.handlers)


def test_messages_fill_as_the_formatter_does() -> None:
    """_fill uses str.format_map: every catalogue template renders as string.Formatter renders it."""
    import string

    from desktop_app.messages import LANGUAGES, _fill, _Lenient, catalogue

    params = {"number": "鲁建安A（2019）0001234", "count": 3, "unit": "济南市住房和城乡建设局", "reason": "缺少照片"}
    for language in LANGUAGES:
        for code, item in catalogue(language).items():
            for template in filter(None, (item.text, item.hint)):
                expected = string.Formatter().vformat(template, (), _Lenient(params))
                assert _fill(template, params) == expected, (language, code)
    assert _fill("{missing} and {count:>3}", {"count": 7}) == "{missing} and   7"
