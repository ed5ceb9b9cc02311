"""Certificate status on a date, validity periods, and what blocks a new-format certificate."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop_app.domain.status import BlockerInput, Status, certificate_status, new_cert_blockers, valid_until_for

TODAY = dt.date(2026, 11, 21)


@pytest.mark.parametrize(("state", "until", "status"), [
    ("valid", TODAY + dt.timedelta(days=91), Status.VALID),
    ("valid", TODAY + dt.timedelta(days=90), Status.EXPIRING),
    ("valid", TODAY, Status.EXPIRING),
    ("valid", TODAY - dt.timedelta(days=1), Status.EXPIRED),
    ("valid", None, Status.EXPIRED),
    ("expired", TODAY + dt.timedelta(days=400), Status.EXPIRED),
    ("suspended", TODAY + dt.timedelta(days=400), Status.SUSPENDED),
    ("revoked", TODAY + dt.timedelta(days=400), Status.REVOKED),
    ("cancelled", TODAY - dt.timedelta(days=400), Status.CANCELLED),
])
def test_status_on_a_date(state: str, until: dt.date | None, status: Status) -> None:
    assert certificate_status(state, until, TODAY) is status


def test_unknown_state_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown certificate state"):
        certificate_status("lost", TODAY, TODAY)


def test_status_labels_are_chinese() -> None:
    assert [s.label for s in Status] == ["有效", "即将到期", "已过期", "暂扣", "撤销", "注销"]


@pytest.mark.parametrize(("category", "issued", "until"), [
    ("A", dt.date(2022, 5, 1), dt.date(2025, 4, 30)),
    ("C3", dt.date(2023, 7, 1), dt.date(2026, 6, 30)),
    ("SPECIAL", dt.date(2023, 1, 1), dt.date(2024, 12, 31)),
    ("SPECIAL", dt.date(2024, 2, 29), dt.date(2026, 2, 27)),
])
def test_validity_period(category: str, issued: dt.date, until: dt.date) -> None:
    assert valid_until_for(category, issued) == until


def _item(category: str = "A", state: str = "valid", until: dt.date | None = dt.date(2027, 6, 30),
          photo: bool = True, **person: object) -> BlockerInput:
    fields: dict[str, object] = {"position": "总经理", "title": "高级工程师"}
    fields.update(person)
    return BlockerInput(category, state, until, fields, photo)


def test_complete_a_certificate_has_no_blocker() -> None:
    assert new_cert_blockers(_item(), TODAY) == []


def test_a_certificate_missing_position_and_title() -> None:
    assert new_cert_blockers(_item(position=None, title=" "), TODAY) == ["A 证缺少：职务、技术职称"]


def test_b_and_c_need_no_supplement() -> None:
    for category in ("B", "C", "C3", "SPECIAL"):
        assert new_cert_blockers(_item(category, position=None, title=None), TODAY) == []


def test_status_and_photo_block() -> None:
    reasons = new_cert_blockers(_item("B", state="revoked", photo=False), TODAY)
    assert reasons == ["证书状态为“撤销”", "缺少照片"]
    assert new_cert_blockers(_item("B", until=TODAY - dt.timedelta(days=1)), TODAY) == ["证书状态为“已过期”"]


def test_expiring_certificate_is_not_blocked() -> None:
    assert new_cert_blockers(_item("C", until=TODAY + dt.timedelta(days=10)), TODAY) == []
