"""The results table: the search service's pages on the one lazy paged model (DESIGN §4.7).

`set_query` starts the first page on a worker thread; the view's scrolling loads the next ones.
Every query is a new generation (an older answer is discarded, an older query still waiting in the
pool is cancelled), and the rows of the previous query stay until the new first page arrives, so
the table never flickers empty while the user types. Sorting a column sorts the rows loaded so far;
`sort(-1)` restores the service's ranking, best match first. After a change, `update_hits` repaints
only the rows of the persons that changed (DESIGN §4.6).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from enum import IntEnum
from typing import Any, Protocol

from PySide6.QtCore import QCollator, QLocale, QObject, Signal
from PySide6.QtGui import QColor, QFont

from desktop_app.domain.rules import Rules, default_rules
from desktop_app.messages import msg
from desktop_app.services.search_types import (
    CertificateSummary,
    PersonDetail,
    PersonHit,
    SearchFilters,
    SearchPage,
)
from desktop_app.ui.common.badges import STATUS_SEVERITY, status_color
from desktop_app.ui.common.paged_model import (
    FIRST_FREE_ROLE,
    KeyRole,
    Page,
    PagedTableModel,
    RowRole,
)
from desktop_app.ui.common.paged_model import ColumnDef as Def
from desktop_app.ui.common.paged_model import SortKeyRole as SortKeyRole  # the value a column sorts by
from desktop_app.ui.workspace.names import gender_name, special_name, work_type_name

PAGE_SIZE = 50

PersonIdRole = KeyRole  # int: the person's id in the cache
HitRole = RowRole  # PersonHit: the whole row
StatusRole = FIRST_FREE_ROLE  # str: the worst certificate status of the row (a Status value)
MatchRole = FIRST_FREE_ROLE + 1  # int: the MatchKind ranking tier


class SearchBackend(Protocol):
    """What the model needs of `desktop_app.services.search.SearchService`."""

    def search(self, query: str, filters: SearchFilters = ..., offset: int = 0, limit: int = 50,
               today: dt.date | None = None) -> SearchPage: ...


class WorkspaceService(SearchBackend, Protocol):
    """What the whole workspace needs of the search service (the detail pane and the filter bar too)."""

    def person_detail(self, person_id: int, today: dt.date | None = None) -> PersonDetail | None: ...

    def units(self) -> list[str]: ...


class Column(IntEnum):
    """The columns, in their default order (the user may move, hide and resize them)."""

    NAME = 0
    GENDER = 1
    ID_NUMBER = 2
    EMPLOYER = 3
    CERTIFICATES = 4
    STATUS = 5
    NEW_CERT = 6
    VALID_UNTIL = 7
    CATEGORY = 8
    ISSUER = 9
    UNSYNCED = 10


def has_new_format(cert: CertificateSummary) -> bool:
    """Issued in the new format, or its new-format certificate has been generated."""
    return cert.format == "new" or cert.new_generated


def worst_status(hit: PersonHit) -> str:
    """The status that matters most over a person's certificates ("" when none)."""
    if not hit.certificates:
        return ""
    return max((c.status for c in hit.certificates), key=lambda s: STATUS_SEVERITY.get(s, 0))


def next_valid_until(hit: PersonHit) -> dt.date | None:
    """The earliest end of validity among the certificates (the one a caller asks about first)."""
    dates = [c.valid_until for c in hit.certificates if c.valid_until is not None]
    return min(dates) if dates else None


class SearchResultsModel(PagedTableModel[int, PersonHit]):
    """Search hits, loaded lazily page by page off the GUI thread."""

    searchStarted = Signal(int)  # generation
    searchFailed = Signal(int, str)  # generation, message for the user

    def __init__(self, service: SearchBackend, parent: QObject | None = None, *, page_size: int = PAGE_SIZE,
                 today: dt.date | None = None, rules: Rules | None = None) -> None:
        """`rules` name the categories and work types (the default rules when not given)."""
        super().__init__(lambda hit: hit.person_id, parent, page_size=page_size, numbered_rows=True,
                         roles={StatusRole: worst_status, MatchRole: lambda hit: int(hit.match)})
        self.service = service
        self.today = today
        self.rules = rules or default_rules()
        self.error_prefix = self.tr("搜索出错：{0}")
        self._query = ""
        self._filters = SearchFilters()
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self._collator.setNumericMode(True)
        self._bold = QFont()
        self._bold.setBold(True)
        self.columns = self._column_defs()
        self.loadStarted.connect(self.searchStarted)
        self.loadFailed.connect(self.searchFailed)

    # --- state ------------------------------------------------------------------------------

    @property
    def query(self) -> str:
        return self._query

    @property
    def filters(self) -> SearchFilters:
        return self._filters

    @property
    def interpretation(self) -> str:
        return self.note

    def hit(self, row: int) -> PersonHit | None:
        return self.row_at(row)

    def person_ids(self) -> set[int]:
        return set(self.keys())

    def update_hits(self, hits: Mapping[int, PersonHit]) -> list[int]:
        """Replace the rows of these persons; returns the rows that changed (only those repaint)."""
        return self.update_rows(hits)

    # --- queries ----------------------------------------------------------------------------

    def set_query(self, query: str, filters: SearchFilters | None = None) -> int:
        """Start a new search; returns its generation. An older query in flight is discarded."""
        self._query = query
        self._filters = filters or SearchFilters()
        service, today = self.service, self.today
        query, filters = self._query, self._filters

        def fetch(offset: int, limit: int) -> Page[PersonHit]:
            page = service.search(query, filters, offset=offset, limit=limit, today=today)
            return Page(page.hits, page.has_more, page.interpretation)

        return self.load(fetch)

    def refresh(self) -> int:
        """Run the current query again (after the cache changed)."""
        return self.set_query(self._query, self._filters)

    def clear(self) -> None:
        """No query: drop every row and anything in flight."""
        self._query = ""
        self._filters = SearchFilters()
        super().clear()

    # --- the columns ------------------------------------------------------------------------

    def _column_defs(self) -> list[Def[PersonHit]]:
        def collated(text: Callable[[PersonHit], str]) -> Callable[[PersonHit], Any]:
            return lambda hit: self._collator.sortKey(text(hit))

        certificates = self._certificate_lines
        defs = {
            Column.NAME: Def(self.tr("姓名"), lambda h: h.name, font=self._bold, sort_key=collated(lambda h: h.name)),
            Column.GENDER: Def(self.tr("性别"), lambda h: gender_name(h.gender)),
            Column.ID_NUMBER: Def(self.tr("身份证号"), lambda h: h.id_number),
            Column.EMPLOYER: Def(self.tr("工作单位"), lambda h: h.employer or "",
                                 sort_key=collated(lambda h: h.employer or "")),
            Column.CERTIFICATES: Def(self.tr("证书"), self._certificates_text, tooltip=certificates),
            Column.STATUS: Def(self.tr("状态"), self._status_text, tooltip=certificates,
                               foreground=lambda h: status_color(worst_status(h)),
                               sort_key=lambda h: STATUS_SEVERITY.get(worst_status(h), -1)),
            Column.NEW_CERT: Def(self.tr("新版证书"), self._new_cert_text, tooltip=self._new_cert_tooltip,
                                 foreground=lambda h: status_color("expired") if h.blocked else None,
                                 sort_key=self._new_cert_sort_key),
            Column.VALID_UNTIL: Def(self.tr("有效期至"), self._valid_until_text, tooltip=certificates,
                                    sort_key=lambda h: next_valid_until(h) or dt.date.max,
                                    header_tooltip=self.tr("各证书中最早的有效期截止日")),
            Column.CATEGORY: Def(self.tr("类别"), self._category_text, tooltip=certificates,
                                 sort_key=collated(self._category_text)),
            Column.ISSUER: Def(self.tr("发证单位"), self._issuer_text, sort_key=collated(self._issuer_text)),
            Column.UNSYNCED: Def(self.tr("本地修改"), lambda h: self.tr("同步冲突") if h.conflict else
                                 self.tr("未同步") if h.unsynced else "",
                                 tooltip=lambda h: self.tr("本地修改与省级修改冲突，待处理") if h.conflict else
                                 self.tr("本地有修改尚未同步到省系统") if h.unsynced else None,
                                 foreground=self._unsynced_color, sort_key=lambda h: int(h.unsynced)),
        }
        return [defs[column] for column in Column]

    def _certificates_text(self, hit: PersonHit) -> str:
        certs = hit.certificates
        if not certs:
            return ""
        if len(certs) == 1:
            return certs[0].number
        return self.tr("{0} 等 {1} 本").format(certs[0].number, len(certs))

    def _status_text(self, hit: PersonHit) -> str:
        """Every status once, the one that matters most first."""
        labels = {c.status: c.status_label for c in hit.certificates}
        order = sorted(labels, key=lambda s: STATUS_SEVERITY.get(s, 0), reverse=True)
        return self.tr("、").join(labels[s] for s in order)

    def _valid_until_text(self, hit: PersonHit) -> str:
        until = next_valid_until(hit)
        return until.isoformat() if until else ""

    def _category_text(self, hit: PersonHit) -> str:
        return self.tr("、").join(dict.fromkeys(self._category_label(c) for c in hit.certificates))

    def _issuer_text(self, hit: PersonHit) -> str:
        return self.tr("、").join(dict.fromkeys(c.issuer_unit for c in hit.certificates))

    def _category_label(self, cert: CertificateSummary) -> str:
        if cert.category == "SPECIAL":
            return work_type_name(cert, self.rules) or special_name(self.rules)
        return self.tr("{0} 类").format(cert.category)

    def _new_cert_text(self, hit: PersonHit) -> str:
        certs = hit.certificates
        if not certs:
            return ""
        done = sum(1 for c in certs if has_new_format(c))
        if len(certs) == 1:
            text = self.tr("已生成") if done else self.tr("未生成")
        else:
            text = self.tr("已生成 {0}/{1}").format(done, len(certs))
        if hit.blocked:
            text += self.tr("（受阻）")
        return text

    def _new_cert_tooltip(self, hit: PersonHit) -> str | None:
        if hit.blocked:
            return "\n".join(hit.blocked)
        return self._new_cert_text(hit) or None

    @staticmethod
    def _new_cert_sort_key(hit: PersonHit) -> Any:
        certs = hit.certificates
        return (bool(hit.blocked), sum(1 for c in certs if has_new_format(c)) / max(len(certs), 1))

    @staticmethod
    def _unsynced_color(hit: PersonHit) -> QColor | None:
        return status_color("expiring") if hit.unsynced else None

    def _certificate_lines(self, hit: PersonHit) -> str | None:
        lines = []
        for c in hit.certificates:
            until = c.valid_until.isoformat() if c.valid_until else self.tr("无")
            lines.append(self.tr("{number}  {status}  有效期至 {until}").format(
                number=c.number, status=c.status_label, until=until))
        return "\n".join(lines) or None


def hit_from_detail(detail: PersonDetail, previous: PersonHit) -> PersonHit:
    """A results row refreshed from the person's detail (after a save), keeping its ranking."""
    blocked = tuple(str(msg("search.blocked_certificate", number=c.number, reason=reason))  # as the search says
                    for c in detail.certificates for reason in c.blockers)
    return PersonHit(detail.person_id, detail.id_number, detail.name, detail.gender, detail.employer,
                     previous.match, detail.certificates, blocked, detail.unsynced_changes > 0)


HitsFetcher = Callable[[Mapping[int, PersonHit]], dict[int, PersonHit]]


def refreshed_hits(service: WorkspaceService, today: dt.date | None) -> HitsFetcher:
    """Read the given rows again (after a change), each from its person's detail; gone persons are left out."""

    def fetch(current: Mapping[int, PersonHit]) -> dict[int, PersonHit]:
        found = {}
        for person_id, previous in current.items():
            detail = service.person_detail(person_id, today=today)
            if detail is not None:
                found[person_id] = hit_from_detail(detail, previous)
        return found

    return fetch
