"""The roles data file: loaded and checked at start-up, each broken file named with its reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from desktop_app.domain.roles import load_roles
from desktop_app.domain.rules import ResourceError
from desktop_app.paths import resources_dir

SHIPPED = (resources_dir() / "rules" / "roles.toml").read_text(encoding="utf-8")


def _with(tmp_path: Path, text: str) -> Path:
    (tmp_path / "rules").mkdir()
    shutil.copy(resources_dir() / "rules" / "rules.toml", tmp_path / "rules" / "rules.toml")
    (tmp_path / "rules" / "roles.toml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_shipped_roles() -> None:
    roles = load_roles(resources_dir())
    assert list(roles.roles) == ["counter", "officer", "supervisor", "admin"]
    assert roles.roles["counter"].permissions <= roles.roles["supervisor"].permissions  # includes counter
    assert roles.roles["officer"].permissions == {"search", "view", "verify"}
    assert not roles.roles["admin"].permissions & {"certs.generate", "certs.print", "records.edit", "search"}
    assert roles.allowed("supervisor", "progress.export") and not roles.allowed("counter", "progress.view")


@pytest.mark.parametrize(("change", "reason"), [
    (('"sync.run", "sync.retry"]', '"sync.run", "sync.retyr"]'), "unknown actions"),
    (('includes = ["counter"]', 'includes = ["clerk"]'), "unknown role"),
    (('[roles.admin]\nlabel = "系统管理员"', '[roles.boss]\nlabel = "系统管理员"'), "roles.admin is required"),
    (("max_failed_attempts = 5", "max_failed_attempts = 0"), "max_failed_attempts"),
    (('label = "电话咨询"', 'label = ""'), "needs a label"),
    (("[accounts]", "[accounts"), "line"),
])
def test_a_broken_file_is_refused(tmp_path: Path, change: tuple[str, str], reason: str) -> None:
    old, new = change
    assert old in SHIPPED
    with pytest.raises(ResourceError, match=reason):
        load_roles(_with(tmp_path, SHIPPED.replace(old, new, 1)))


def test_a_role_including_itself_is_refused(tmp_path: Path) -> None:
    counter = '[roles.counter]\nlabel = "窗口人员"'
    text = SHIPPED.replace(counter, counter + '\nincludes = ["supervisor"]')
    with pytest.raises(ResourceError, match="includes itself"):
        load_roles(_with(tmp_path, text))
