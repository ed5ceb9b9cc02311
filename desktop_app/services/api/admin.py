"""Administration bound to the workspace (the administration window, admin only): the sync server and
token, each issuing unit's seal and USCC, the verification address, the signing keys, the printers'
calibration, backup and restore. Accounts are managed through `ctx.accounts`.

Every change checks the action of resources/rules/roles.toml (`ctx.authorize`) and writes an audit
entry (entity "admin", the field naming what changed, old → new; never a token or a private key);
reads check the same action (`ctx.permit`).
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from desktop_app.certs.signing import SigningKey
from desktop_app.errors import KnownError
from desktop_app.messages import msg
from desktop_app.services import administration, backup, printing, signing_keys
from desktop_app.services.administration import SealInfo, UnitSetup
from desktop_app.services.printing import PrinterOffset
from desktop_app.services.signing_keys import KeyRow
from desktop_app.services.workshop import IssuerCode, check_verify_base

if TYPE_CHECKING:
    from desktop_app.services.context import WorkspaceContext

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")  # a test server on this machine may do without TLS


@dataclass(frozen=True)
class SyncSettings:
    server: str
    token_masked: str  # "" when no token is kept
    ca_bundle: str


class AdminService:
    def __init__(self, ctx: WorkspaceContext) -> None:
        self.ctx = ctx

    def _audit(self, operator: str, key: str, field: str, old: str | None, new: str | None) -> None:
        administration.audit(self.ctx.cache, operator, key, field, old, new)

    # --- the sync server and token ----------------------------------------------------------------

    def sync_settings(self) -> SyncSettings:
        self.ctx.permit("sync.configure")
        settings = self.ctx.settings
        return SyncSettings(settings.sync_server, self.ctx.sync.token_masked(), settings.sync_ca_bundle)

    def configure_sync(self, server: str, token: str | None, ca_bundle: str) -> SyncSettings:
        """The server's address, the bureau token (only when one is typed: kept in the keyring or an
        owner-only file, audited as replaced) and the province's CA file."""
        actor = self.ctx.authorize("sync.configure")
        server, ca_bundle, token = server.strip().rstrip("/"), ca_bundle.strip(), (token or "").strip() or None
        if server:
            parts = urllib.parse.urlsplit(server)
            local = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
            if not ((parts.scheme == "https" and parts.netloc) or local) or any(c.isspace() for c in server):
                raise KnownError(msg("admin.sync_not_https", server=server))
        if ca_bundle and not Path(ca_bundle).is_file():
            raise KnownError(msg("admin.ca_missing", path=ca_bundle))
        before = replace(self.ctx.settings)
        try:
            self.ctx.sync.configure(server=server, token=token, ca_bundle=ca_bundle)
        except BaseException:
            self.ctx.settings.sync_server, self.ctx.settings.sync_ca_bundle = before.sync_server, before.sync_ca_bundle
            raise
        for field, old, new in (("sync_server", before.sync_server, server),
                                ("sync_ca_bundle", before.sync_ca_bundle, ca_bundle)):
            if old != new:
                self._audit(actor.name, "sync", field, old or None, new or None)
        if token:
            self._audit(actor.name, "sync", "sync_token", None, "（已更换）")
        return self.sync_settings()

    # --- seals and issuer codes -------------------------------------------------------------------

    def units(self) -> list[UnitSetup]:
        """Every issuing unit with its seal and USCC."""
        self.ctx.permit("workshop.manage")
        return administration.unit_setups(self.ctx.data_dir, self.ctx.rules)

    def set_seal(self, unit: str, source: Path) -> SealInfo:
        """Make a PNG file (checked: transparency, square, size) the unit's seal."""
        actor = self.ctx.authorize("workshop.manage")
        data = administration.read_seal_file(source)
        return administration.set_seal(self.ctx.cache, self.ctx.data_dir, self.ctx.rules, unit, data, source.name,
                                       actor.name)

    def remove_seal(self, unit: str) -> bool:
        actor = self.ctx.authorize("workshop.manage")
        return administration.remove_seal(self.ctx.cache, self.ctx.data_dir, self.ctx.rules, unit, actor.name)

    def set_issuer_uscc(self, unit: str, uscc: str) -> IssuerCode:
        actor = self.ctx.authorize("workshop.manage")
        return administration.set_issuer_uscc(self.ctx.cache, self.ctx.data_dir, self.ctx.rules, unit, uscc,
                                              actor.name)

    # --- the verification address -----------------------------------------------------------------

    def verify_base(self) -> str:
        self.ctx.permit("verify_base.manage")
        return self.ctx.settings.verify_base

    def set_verify_base(self, base: str) -> str:
        """The https address QR codes point to ("" = the signed token alone); checked as issuance reads it."""
        actor = self.ctx.authorize("verify_base.manage")
        value = base.strip()
        check_verify_base(value)
        old = self.ctx.settings.verify_base
        if value == old:
            return value
        self.ctx.settings.verify_base = value
        try:
            self.ctx.save_settings()
        except BaseException:
            self.ctx.settings.verify_base = old
            raise
        self._audit(actor.name, "verify_base", "verify_base", old or None, value or None)
        return value

    # --- signing keys -----------------------------------------------------------------------------

    def key_list(self) -> list[KeyRow]:
        self.ctx.permit("keys.manage")
        return signing_keys.key_rows(self.ctx.cache, self.ctx.data_dir)

    def rotate_key(self) -> SigningKey:
        """A new signing key (the first one, or the next: the previous stays trusted for verifying)."""
        actor = self.ctx.authorize("keys.manage")
        return signing_keys.rotate(self.ctx.cache, self.ctx.data_dir, self.ctx.settings.issuing_unit, actor.name)

    def export_public_key(self, key_id: str, target: Path) -> Path:
        actor = self.ctx.authorize("keys.manage")
        return signing_keys.export_public(self.ctx.cache, self.ctx.data_dir, key_id, target, actor.name)

    def revoke_key(self, key_id: str) -> dt.datetime:
        actor = self.ctx.authorize("keys.manage")
        return signing_keys.revoke(self.ctx.cache, self.ctx.data_dir, key_id, actor.name)

    # --- printers ---------------------------------------------------------------------------------

    def printer_offsets(self) -> dict[str, PrinterOffset]:
        self.ctx.permit("printer.calibrate")
        return printing.load_offsets(self.ctx.data_dir)

    def set_printer_offset(self, printer: str, x_mm: float, y_mm: float) -> PrinterOffset:
        actor = self.ctx.authorize("printer.calibrate")
        return administration.set_printer_offset(self.ctx.cache, self.ctx.data_dir, printer.strip(), x_mm, y_mm,
                                                 actor.name)

    # --- backup and restore -----------------------------------------------------------------------

    def backup(self, target: Path) -> int:
        """A consistent copy of the cache, taken while the app (and other writers) go on; its size."""
        actor = self.ctx.authorize("backup.run")
        size = backup.backup(self.ctx.cache, target)
        self._audit(actor.name, "backup", "backup", None, f"{target}（{size} 字节）")
        return size

    def restore(self, source: Path, folder: Path) -> Path:
        """The backup into a new workspace folder, integrity-checked first; the cache file's path."""
        actor = self.ctx.authorize("backup.restore")
        path = backup.restore(source, folder)
        self._audit(actor.name, "restore", "restore", str(source), str(folder))
        return path
