"""E-certificate identifier per GB/T 36904-2018.

`1.2.156.3005.2.<type code>.<issuer USCC>.<serial>.<3-digit version>.<check>`

The check character is ISO/IEC 7064 MOD 37,36 (GB/T 17710). Its alphabet is 0-9A-Z, so it is
computed over the identifier's characters with the dots left out; the serial is the certificate
number's Latin letters and digits (鲁建安C3（2015）0000001 → C320150000001), unique per issuer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from stdnum.iso7064 import mod_37_36

from desktop_app.domain.certnumber import CertNumber
from desktop_app.domain.identity import check_uscc
from desktop_app.domain.rules import Rules, default_rules
from desktop_app.messages import msg


class EcertIdError(ValueError):
    pass


@dataclass(frozen=True)
class EcertId:
    prefix: str
    type_code: str
    issuer_uscc: str
    serial: str
    version: str
    check: str

    def __str__(self) -> str:
        return ".".join((self.prefix, self.type_code, self.issuer_uscc, self.serial, self.version, self.check))


def _check_char(body: str) -> str:
    return mod_37_36.calc_check_digit(body.replace(".", ""))


def serial_for(number: CertNumber) -> str:
    return re.sub(r"[^0-9A-Z]", "", number.new_number())


def make_ecert_id(number: CertNumber, issuer_uscc: str, version: int = 1, rules: Rules | None = None) -> EcertId:
    rules = rules or default_rules()
    uscc = check_uscc(issuer_uscc)
    if not uscc:
        raise EcertIdError(str(msg("ecert.bad_issuer_uscc", reason=uscc.reason)))
    if not 1 <= version <= 999:
        raise EcertIdError(str(msg("ecert.bad_version_number")))
    type_code = rules.ecert["type_code_safety" if number.family == "safety" else "type_code_special"]
    parts = (rules.ecert["prefix"], type_code, uscc.value, serial_for(number), f"{version:03d}")
    return EcertId(*parts, check=_check_char(".".join(parts)))


def check_ecert_id(text: str) -> EcertId:
    """Parse and verify an identifier; raises `EcertIdError` with the reason."""
    parts = text.strip().upper().split(".")
    if len(parts) != 10 or ".".join(parts[:5]) != "1.2.156.3005.2":
        raise EcertIdError(str(msg("ecert.not_an_id")))
    prefix, type_code, issuer, serial, version, check = ".".join(parts[:5]), *parts[5:]
    if not re.fullmatch(r"[0-9]{3}", version):
        raise EcertIdError(str(msg("ecert.bad_version")))
    if not re.fullmatch(r"[0-9A-Z]+", serial):
        raise EcertIdError(str(msg("ecert.bad_serial")))
    if not re.fullmatch(r"[0-9A-Z]+", type_code + issuer + check):  # MOD 37,36 knows no other character
        raise EcertIdError(str(msg("ecert.not_an_id")))
    expected = _check_char(".".join((prefix, type_code, issuer, serial, version)))
    if check != expected:
        raise EcertIdError(str(msg("ecert.bad_check", expected=expected)))
    return EcertId(prefix, type_code, issuer, serial, version, check)
