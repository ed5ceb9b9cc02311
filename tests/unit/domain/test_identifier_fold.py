"""The one-pass identifier normalisation reads every text exactly as the character-by-character rule."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from desktop_app.domain import certnumber

_FULL_WIDTH = {chr(cp): chr(cp - 0xFEE0) for cp in range(0xFF01, 0xFF5F)} | {"\u3000": " "}


def _by_the_rule(text: str) -> str:
    """The documented rule, spelt out: full width → ASCII, white space dropped, a–z upper-cased."""
    folded = "".join(_FULL_WIDTH.get(ch, ch) for ch in text)
    return "".join(ch.upper() if "a" <= ch <= "z" else ch for ch in folded if not ch.isspace())


def _by_scanning(text: str) -> str | None:
    return next((ch for ch in text if not "0" <= ch <= "9" and unicodedata.digit(ch, None) is not None), None)


IDENTIFIER_LIKE = st.text(alphabet=st.sampled_from(
    "0123456789abcxyzABCXYZ鲁建安（）()ａｚＡＺ０９\u3000 \t\n\u00a0\u2003٣३𝟑③³ß"), max_size=30)


@given(st.one_of(IDENTIFIER_LIKE, st.text(max_size=30)))
def test_normalise_identifier_follows_the_rule(text: str) -> None:
    assert certnumber.normalise_identifier(text) == _by_the_rule(text)


@given(st.one_of(IDENTIFIER_LIKE, st.text(max_size=30)))
def test_foreign_digit_finds_what_a_scan_finds(text: str) -> None:
    assert certnumber.foreign_digit(text) == _by_scanning(text)
