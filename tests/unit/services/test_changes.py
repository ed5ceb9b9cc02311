"""OpChanges: what a write changed, merged, and read off any service result."""

from __future__ import annotations

from desktop_app.services.changes import ChangeKind, OpChanges, merged, op_changes_of


def test_empty_changes_are_falsy_and_merge_is_a_union() -> None:
    assert not OpChanges()
    a = OpChanges.of({ChangeKind.RECORD}, {1}, {10})
    b = OpChanges.of({ChangeKind.PHOTO, ChangeKind.OUTBOX}, {2})
    both = merged([a, b, OpChanges()])
    assert both.person_ids == {1, 2} and both.certificate_ids == {10}
    assert both.kinds == {ChangeKind.RECORD, ChangeKind.PHOTO, ChangeKind.OUTBOX}
    assert both.touches_person(2) and not both.touches_person(3)


def test_bulk_touches_everyone_and_print_log_touches_no_record() -> None:
    assert OpChanges.bulk().touches_person(12345) and OpChanges.bulk().touches_records()
    assert not OpChanges.of({ChangeKind.PRINT_LOG}, certificate_ids={3}).touches_records()


def test_op_changes_of_reads_results_tuples_and_reads() -> None:
    class Result:
        op_changes = OpChanges.of({ChangeKind.GENERATED}, {5})

    assert op_changes_of(Result()).person_ids == {5}
    assert op_changes_of((Result(), Result())).kinds == {ChangeKind.GENERATED}
    assert not op_changes_of([1, 2, 3]) and not op_changes_of(None)
