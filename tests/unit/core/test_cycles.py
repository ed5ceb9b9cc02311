"""The app's collection policy (desktop_app/cycles.py), as the search benchmark uses it outside Qt."""

from __future__ import annotations

import gc
import weakref

from desktop_app.cycles import AppCollection, collect_due


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def _unreachable_cycle() -> weakref.ref[_Cycle]:
    return weakref.ref(_Cycle())


def test_inside_app_collection_nothing_is_collected_until_a_check() -> None:
    enabled_before = gc.isenabled()
    with AppCollection() as collection:
        assert not gc.isenabled()
        gc.collect()  # start from empty generations
        cycle = _unreachable_cycle()
        kept = [[index] for index in range(100_000)]  # far past every generation's threshold
        assert cycle() is not None  # automatic collection would have freed it by now
        collection.check()
        assert cycle() is None
        assert kept
    assert gc.isenabled() == enabled_before


def test_a_check_below_the_thresholds_collects_nothing() -> None:
    with AppCollection():
        gc.collect()
        cycle = _unreachable_cycle()
        collect_due((1_000_000, 10, 10))  # the young generation is far from this threshold
        assert cycle() is not None
        gc.collect()
        assert cycle() is None


def test_app_collection_counts_what_it_collected() -> None:
    with AppCollection() as collection:
        gc.collect()
        collection.check()  # nothing due yet
        assert collection.collections == 0
        assert collection.seconds == 0.0
        kept = [[index] for index in range(100_000)]
        collection.check()
        assert collection.collections >= 1
        assert collection.seconds > 0.0
        assert kept
