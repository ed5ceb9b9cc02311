"""Every action of resources/rules/roles.toml as every role: allowed or refused, in the services.

The table is the roles data file: each declared action has one call below that reaches it through the
workspace's services (the CLI and the GUI use the same ones), and each role either gets past the
permission check (any other outcome is fine: a missing file, nothing to undo) or is refused with
PermissionDenied. A new action in the data without a call here fails the test; changing a role's
permissions in the data changes what is expected.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop_app import demo
from desktop_app.domain.roles import default_roles
from desktop_app.errors import KnownError, PermissionDenied
from desktop_app.services.batch_types import BatchOptions
from desktop_app.services.context import Actor, WorkspaceContext

TODAY = dt.date(2026, 12, 2)
JINAN = "济南市住房和城乡建设局"
PASSWORD = "password-123"
ROLES = default_roles()


class Desk:
    def __init__(self, ctx: WorkspaceContext, folder: Path, person_id: int, number: str) -> None:
        self.ctx, self.folder, self.person_id, self.number = ctx, folder, person_id, number
        self.calls = 0

    def fresh(self, name: str) -> Path:
        self.calls += 1
        return self.folder / f"{self.calls}-{name}"


def _version(d: Desk) -> int:
    return d.ctx.edits.load_form(d.person_id).version if d.ctx.can("view") else 1


CALLS: dict[str, Callable[[Desk], object]] = {
    "search": lambda d: d.ctx.search.search("王"),
    "view": lambda d: d.ctx.search.person_detail(d.person_id),
    "verify": lambda d: d.ctx.verification.verify_text("not a certificate"),
    "records.edit": lambda d: d.ctx.edits.save_person(d.person_id, _version(d), {"phone": "13900000000"}, "测试"),
    "records.undo": lambda d: d.ctx.edits.undo_last(d.person_id),
    "certs.generate": lambda d: d.ctx.issuance.generate(d.number),
    "certs.print": lambda d: d.ctx.printing.check_print(d.number),
    "worklist.view": lambda d: d.ctx.worklist.rows(unit=JINAN),
    "worklist.export": lambda d: d.ctx.worklist.export_template([], d.fresh("template.xlsx"), JINAN),
    "supplement.import": lambda d: d.ctx.worklist.import_supplement(d.fresh("missing.xlsx")),
    "batch.generate": lambda d: d.ctx.batch.run(BatchOptions(unit=JINAN, out_dir=d.fresh("batch")),
                                                cancelled=lambda: True),
    "progress.view": lambda d: d.ctx.progress.table(),
    "progress.export": lambda d: d.ctx.progress.export_workbook(d.fresh("progress.xlsx")),
    "records.import": lambda d: d.ctx.workspace.import_jsonl(d.fresh("missing.jsonl")),
    "records.export": lambda d: d.ctx.workspace.export_jsonl(d.fresh("out.jsonl")),
    "sync.run": lambda d: d.ctx.sync.run(),
    "sync.retry": lambda d: d.ctx.sync.retry_now(999_999),
    "sync.resolve": lambda d: d.ctx.sync.resolve(999_999, "mine"),
    "sync.discard": lambda d: d.ctx.sync.discard(999_999, "测试"),
    "sync.configure": lambda d: d.ctx.sync.configure(ca_bundle=""),
    "accounts.manage": lambda d: d.ctx.accounts.list(),
    "printer.calibrate": lambda d: d.ctx.printing.save_offset("测试打印机", 0.5, -0.5),
    "backup.run": lambda d: d.ctx.admin.backup(d.fresh("backup.sqlite3")),
    "backup.restore": lambda d: d.ctx.admin.restore(d.fresh("missing.sqlite3"), d.fresh("restored")),
    "workshop.manage": lambda d: d.ctx.admin.set_issuer_uscc(JINAN, "not a code"),
    "verify_base.manage": lambda d: d.ctx.admin.set_verify_base("http://not-https.example"),
    "keys.manage": lambda d: d.ctx.admin.key_list(),
}


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    folder = tmp_path_factory.mktemp("permissions")
    source = folder / "demo.jsonl"
    demo.write_jsonl(source, 300, seed=9, photo_fraction=0.3, today=TODAY)
    ctx = WorkspaceContext.open(folder / "ws", actor=Actor(""), today=TODAY)
    ctx.workspace.import_jsonl(source)
    record = next(json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()
                  if any(c["issuer_unit"] == JINAN for c in json.loads(line)["certificates"]))
    person_id = ctx.edits.person_id_for(record["id_number"])
    assert person_id is not None
    ctx.accounts.add("admin", "admin", PASSWORD, "管理员")  # the first: needs nobody signed in
    ctx.accounts.sign_in("admin", PASSWORD)
    for role in ROLES.roles:
        if role != "admin":
            ctx.accounts.add(role, role, PASSWORD)
    yield Desk(ctx, folder, person_id, record["certificates"][0]["number"])
    ctx.close()


def _outcome(desk: Desk, action: str) -> str:
    try:
        CALLS[action](desk)
    except PermissionDenied:
        return "refused"
    except KnownError:
        return "allowed"  # past the check: refused for another reason (a missing file, nothing to undo)
    return "allowed"


def test_every_declared_action_has_a_call() -> None:
    assert set(ROLES.actions) == set(CALLS), "add a call to CALLS for each action in roles.toml"


@pytest.mark.parametrize("role", list(ROLES.roles))
@pytest.mark.parametrize("action", sorted(CALLS))
def test_each_role_is_allowed_exactly_its_actions(desk: Desk, role: str, action: str) -> None:
    desk.ctx.accounts.sign_in(role if role != "admin" else "admin", PASSWORD)
    expected = "allowed" if action in ROLES.roles[role].permissions else "refused"
    assert _outcome(desk, action) == expected, (role, action)


@pytest.mark.parametrize("action", sorted(CALLS))
def test_nobody_signed_in_is_refused_everything(desk: Desk, action: str) -> None:
    desk.ctx.accounts.sign_out()
    with pytest.raises(PermissionDenied, match="请先登录"):
        CALLS[action](desk)


def test_a_refusal_names_the_action_and_the_roles(desk: Desk) -> None:
    desk.ctx.accounts.sign_in("officer", PASSWORD)
    with pytest.raises(PermissionDenied) as refused:
        CALLS["records.edit"](desk)
    allowed = "、".join(r.label for r in ROLES.roles_for("records.edit"))
    assert str(refused.value) == f"权限不足：{ROLES.label('records.edit')} 需要 {allowed}"


def test_without_accounts_the_named_operator_may_do_everything(tmp_path: Path) -> None:
    ctx = WorkspaceContext.open(tmp_path / "legacy", actor=Actor("张三"), today=TODAY)
    try:
        assert not ctx.has_accounts and all(ctx.can(action) for action in ROLES.actions)
        assert ctx.progress.table().rows == ()
    finally:
        ctx.close()
