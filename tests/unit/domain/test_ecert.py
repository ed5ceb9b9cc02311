"""GB/T 36904 e-certificate identifier with its ISO 7064 MOD 37,36 check character."""

from __future__ import annotations

import pytest
from stdnum.iso7064 import mod_37_36

from desktop_app.domain.certnumber import parse
from desktop_app.domain.ecert import EcertIdError, check_ecert_id, make_ecert_id

ISSUER = "91110000600037341L"


def test_safety_identifier_layout_and_check() -> None:
    ecert = make_ecert_id(parse("鲁建安C(2015)0000001"), ISSUER)
    text = str(ecert)
    assert text.startswith("1.2.156.3005.2.11100000000013338W011.91110000600037341L.C320150000001.001.")
    assert mod_37_36.is_valid(text.replace(".", ""))
    assert check_ecert_id(text) == ecert


def test_special_identifier_uses_new_code_and_type() -> None:
    text = str(make_ecert_id(parse("鲁A4T2019000123"), ISSUER, version=2))
    assert ".11100000000013338W032." in text and ".A052019000123.002." in text
    assert check_ecert_id(text).serial == "A052019000123"


def test_old_and_new_spellings_share_one_identifier() -> None:
    assert str(make_ecert_id(parse("鲁A4T2019000123"), ISSUER)) == str(make_ecert_id(parse("鲁A052019000123"),
                                                                                    ISSUER))


def test_one_changed_character_is_detected() -> None:
    text = str(make_ecert_id(parse("鲁建安A(2019)0001234"), ISSUER))
    tampered = text.replace("A20190001234", "A20190001235")
    with pytest.raises(EcertIdError, match="校验位"):
        check_ecert_id(tampered)


@pytest.mark.parametrize("text", ["", "1.2.3", "1.2.156.3005.3.x.y.z.001.A"])
def test_not_an_identifier(text: str) -> None:
    with pytest.raises(EcertIdError):
        check_ecert_id(text)


def test_bad_issuer_uscc_is_refused() -> None:
    with pytest.raises(EcertIdError, match="统一社会信用代码"):
        make_ecert_id(parse("鲁建安A(2019)0001234"), "91110000600037341M")


def test_a_character_mod_37_36_does_not_know_is_refused_not_a_crash() -> None:
    good = str(make_ecert_id(parse("鲁建安C(2015)0000001"), ISSUER))
    parts = good.split(".")
    parts[5] = parts[5][:4] + "-" + parts[5][5:]
    with pytest.raises(EcertIdError):
        check_ecert_id(".".join(parts))
