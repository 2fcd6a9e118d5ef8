"""The domain as the store describes it in /meta: statuses, transitions, deadlines.

Nothing here is hard-coded: the store owns the catalogue and the plugin only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from .errors import BadResponse


@dataclass(frozen=True)
class Status:
    code: str
    name_pl: str
    name_en: str
    color: str
    final: bool
    note_required: bool

    def name(self, language: str) -> str:
        return self.name_pl if language == "pl" else self.name_en


@dataclass(frozen=True)
class Category:
    code: str
    name_pl: str
    name_en: str
    active: bool = True

    def name(self, language: str) -> str:
        return self.name_pl if language == "pl" else self.name_en


@dataclass(frozen=True)
class Source:
    """Where a report came from; ``police``: an officer may add one of these from QGIS."""

    code: str
    name_pl: str
    name_en: str
    police: bool

    def name(self, language: str) -> str:
        return self.name_pl if language == "pl" else self.name_en


@dataclass(frozen=True)
class Meta:
    """The store's catalogue, parsed and checked."""

    api_version: str
    server_version: str
    statuses: tuple[Status, ...]
    categories: tuple[Category, ...]
    transitions: frozenset[tuple[str, str]]
    take_up_hours: float
    verify_hours: float
    raw: dict = field(default_factory=dict, compare=False, repr=False)
    sources: tuple[Source, ...] = ()  # empty from a store older than report sources

    @classmethod
    def from_json(cls, data: object) -> Meta:
        """Build from the /meta document; BadResponse when it is not what we expect."""
        try:
            assert isinstance(data, dict)
            statuses = tuple(
                Status(
                    str(s["code"]),
                    str(s["name_pl"]),
                    str(s["name_en"]),
                    str(s["color"]),
                    bool(s["final"]),
                    bool(s["note_required"]),
                )
                for s in data["statuses"]
            )
            categories = tuple(
                Category(
                    str(c["code"]),
                    str(c["name_pl"]),
                    str(c["name_en"]),
                    bool(c.get("active", True)),
                )
                for c in data["categories"]
            )
            transitions = frozenset((str(t["from"]), str(t["to"])) for t in data["transitions"])
            deadlines = data["deadlines"]
            sources = tuple(
                Source(str(s["code"]), str(s["name_pl"]), str(s["name_en"]), bool(s["police"]))
                for s in data.get("sources", ())
            )
            return cls(
                str(data["api_version"]),
                str(data.get("server_version", "")),
                statuses,
                categories,
                transitions,
                float(deadlines["take_up_hours"]),
                float(deadlines["verify_hours"]),
                data,
                sources,
            )
        except (AssertionError, KeyError, TypeError, ValueError) as exc:
            raise BadResponse("The store's catalogue (/meta) is malformed.", repr(exc)) from exc

    def status(self, code: str) -> Status | None:
        return next((s for s in self.statuses if s.code == code), None)

    def category(self, code: str) -> Category | None:
        return next((c for c in self.categories if c.code == code), None)

    def source(self, code: str) -> Source | None:
        return next((s for s in self.sources if s.code == code), None)

    # --- the domain rules, each once: every other module asks these ----------------------
    @property
    def new_code(self) -> str:
        """The status a report starts in (nobody has taken it up): the first one no
        transition leads to."""
        targets = {to for _, to in self.transitions}
        first = next((s.code for s in self.statuses if s.code not in targets), None)
        return first or (self.statuses[0].code if self.statuses else "")

    def open_codes(self) -> list[str]:
        """Statuses still waiting for the police: not final and without an outcome note."""
        return [s.code for s in self.statuses if not (s.final or s.note_required)]

    def done_codes(self) -> list[str]:
        """Verified statuses: final or with an outcome; the verify deadline no longer runs."""
        return [s.code for s in self.statuses if s.final or s.note_required]

    def is_overdue(
        self, status: str, take_up_due: str | None, verify_due: str | None, now_iso: str
    ) -> bool:
        """Past a deadline at ``now_iso`` (ISO UTC strings compare as times)."""
        return (status == self.new_code and (take_up_due or "~") < now_iso) or (
            status in self.open_codes() and (verify_due or "~") < now_iso
        )

    def due_sql(self, alias: str = "") -> str:
        """SQL for the deadline that runs now: take-up while new, then verify."""
        a = alias
        new = quoted([self.new_code])
        return f"CASE WHEN {a}status = {new} THEN {a}take_up_due ELSE {a}verify_due END"

    def overdue_sql(self, alias: str = "") -> str:
        """SQL for 'past a deadline'; both ``?`` take the time now as ISO UTC."""
        a = alias
        return (
            f"(({a}status = {quoted([self.new_code])} AND {a}take_up_due < ?) OR "
            f"({a}status IN ({quoted(self.open_codes())}) AND {a}verify_due < ?))"
        )

    def take_up_left_expression(self) -> str:
        """QGIS expression: hours left to take up, NULL once taken up."""
        return (
            f'if("status" = {quoted([self.new_code])}, '
            'round(hour(to_datetime("take_up_due") - now()), 1), NULL)'
        )

    def verify_left_expression(self) -> str:
        """QGIS expression: hours left to verify, NULL once verified."""
        return (
            f'if("status" IN ({quoted(self.done_codes())}), NULL, '
            'round(hour(to_datetime("verify_due") - now()), 1))'
        )

    def overdue_expression(self) -> str:
        """QGIS expression for 'past a deadline now' (the same rule as ``overdue_sql``)."""
        return (
            f'("status" = {quoted([self.new_code])} AND to_datetime("take_up_due") < now()) OR '
            f'("status" IN ({quoted(self.open_codes())}) AND to_datetime("verify_due") < now())'
        )

    def allowed_targets(self, from_status: str) -> list[Status]:
        """Statuses a report in ``from_status`` may move to, in catalogue order."""
        return [s for s in self.statuses if (from_status, s.code) in self.transitions]

    def check_change(self, from_status: str, to_status: str | None, note: str | None) -> str:
        """Why the store would refuse this change, or '' when it would accept it."""
        from ..i18n import tr

        if to_status is None or to_status == from_status:
            return "" if (note or "").strip() else tr("Nothing to send: no new status, no note.")
        if (from_status, to_status) not in self.transitions:
            return tr("The store does not allow moving a report from “{}” to “{}”.").format(
                from_status, to_status
            )
        target = self.status(to_status)
        if target and target.note_required and not (note or "").strip():
            return tr("A note is required for the outcome “{}”.").format(to_status)
        return ""


def quoted(codes: list[str]) -> str:
    """Codes as a list of string literals, for SQL and QGIS expressions alike."""
    return ", ".join("'" + c.replace("'", "''") + "'" for c in codes) or "''"


def parse_time(value: str | None) -> datetime | None:
    """Parse the store's ISO 8601 UTC times ('...Z'); None stays None."""
    if not value:
        return None
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


@dataclass(frozen=True)
class Deadlines:
    """Where a report stands against the take-up and verify deadlines at ``now``."""

    take_up_left_h: float | None  # None once taken up
    verify_left_h: float | None  # None once verified
    overdue: bool


def deadlines(props: dict, meta: Meta, now: datetime | None = None) -> Deadlines:
    """Time left to take up and to verify a report, from its feed properties."""
    now = now or datetime.now(UTC)
    status = meta.status(props.get("status", ""))
    take_up_due = parse_time(props.get("take_up_due"))
    verify_due = parse_time(props.get("verify_due"))
    taken = props.get("status") != meta.new_code
    verified = bool(status and status.code in meta.done_codes())
    take_left = None if taken or not take_up_due else (take_up_due - now).total_seconds() / 3600
    verify_left = None if verified or not verify_due else (verify_due - now).total_seconds() / 3600
    overdue = (take_left is not None and take_left < 0) or (
        verify_left is not None and verify_left < 0
    )
    return Deadlines(take_left, verify_left, overdue)
