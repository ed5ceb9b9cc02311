"""The search terms' text (issue 16 made it cheaper to compute): the same names folded the same way, the same
JSON as json.dumps wrote it, for any name and ID number."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.store import search_index

_names = st.one_of(st.text(max_size=8), st.text(alphabet="王建国李明·吕曾 　ＡＢｃ1１", max_size=6))
_ids = st.one_of(st.just(""), st.none(), st.text(alphabet="0123456789X", min_size=1, max_size=18))


def _plain_clean(name: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFKC", name) if not ch.isspace())


@given(_names)
def test_names_are_folded_as_before(name: str) -> None:
    assert search_index.clean_name(name) == _plain_clean(name)


@given(_names, _ids)
def test_terms_json_is_what_json_dumps_wrote(name: str, id_number: str | None) -> None:
    items = json.dumps(search_index.person_terms(name, ""), ensure_ascii=False)[1:-1]
    expected = f"[{items}]"
    if id_number:
        id_term = json.dumps(search_index.ID_REVERSED + id_number[::-1])
        expected = f"[{items},{id_term}]" if items else f"[{id_term}]"
    assert search_index.terms_json(name, id_number) == expected
