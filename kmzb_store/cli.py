"""The ``kmzb-store`` command line: init, serve, create-user, import-districts, demo-data,
export. The database comes from ``--db URL``, else ``KMZB_STORE_DB``, else
``sqlite:///kmzb.db``."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from datetime import UTC, datetime

from . import __version__
from .db import ENV_URL, Database, DatabaseError, resolve_url
from .util import IPV6_PREFIX


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="kmzb-store", description="KMZB central store: the report service."
    )
    p.add_argument("--version", action="version", version=f"kmzb-store {__version__}")
    p.add_argument(
        "--db",
        metavar="URL",
        help=f"database URL (sqlite:///FILE or postgresql://…); default ${ENV_URL} "
        "or sqlite:///kmzb.db",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")
    sub.add_parser("init", help="create the database or upgrade its schema")
    s = sub.add_parser("serve", help="run the HTTP API")
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8000)
    s.add_argument("--workers", type=int, default=1)
    s.add_argument(
        "--forwarded-allow-ips",
        default="127.0.0.1",
        help="proxies trusted for X-Forwarded-For (default 127.0.0.1)",
    )
    s.add_argument(
        "--read-timeout",
        type=float,
        metavar="S",
        help="close a connection that sends no complete request headers within S seconds, "
        "or pauses S seconds inside a request body (default 15)",
    )
    s.add_argument(
        "--send-timeout",
        type=float,
        metavar="S",
        help="drop a client that reads nothing of an answer for S seconds (default 30)",
    )
    s.add_argument("--log-level", default="info", choices=["debug", "info", "warning", "error"])
    s.add_argument("--no-access-log", action="store_true", help="no line per request")
    u = sub.add_parser("create-user", help="create a user (or re-issue its token)")
    u.add_argument("name")
    u.add_argument(
        "--role", required=True, choices=["dzielnicowy", "kierownik", "analityk", "admin"]
    )
    u.add_argument("--unit", metavar="CODE_OR_ID")
    u.add_argument("--district", metavar="CODE_OR_ID", action="append", default=[])
    i = sub.add_parser("import-districts", help="load districts from a file (upsert by code)")
    i.add_argument("file")
    d = sub.add_parser("demo-data", help="generate and load demo units, districts, reports")
    d.add_argument("--reports", type=int, default=20000)
    d.add_argument("--days", type=int, default=60)
    d.add_argument("--seed", type=int, default=1)
    d.add_argument("--full-scale", action="store_true")
    e = sub.add_parser("export", help="write every report to FILE (.geojson or .gpkg)")
    e.add_argument("file")
    c = sub.add_parser(
        "config",
        help="show settings, or set one (take_up_hours, verify_hours, "
        "public_reports_per_ip_per_day, ipv6_prefix, op_retention_days)",
    )
    c.add_argument("key", nargs="?")
    c.add_argument("value", nargs="?")
    return p


CONFIG_KEYS = {
    "take_up_hours": (1, 24 * 365),
    "verify_hours": (1, 24 * 365),
    "public_reports_per_ip_per_day": (0, 1000),  # 0: no limit
    "ipv6_prefix": (16, 128),  # IPv6 addresses count per network of this many bits
    "op_retention_days": (1, 3650),  # stored results of verifications (idempotency)
}
APPLIES = {
    "op_retention_days": "stored results of older changes are purged by the next batch",
    "ipv6_prefix": "applies to the next report or confirmation",
}
DEFAULTS = {"ipv6_prefix": str(IPV6_PREFIX)}  # settings a database made before them may lack


def cmd_config(db: Database, args) -> int:
    _require_schema(db)
    with db.read() as conn:
        values = {**DEFAULTS, **dict(conn.all("SELECT key, value FROM settings"))}
    if args.key is None:
        for key in sorted(CONFIG_KEYS):
            if key in values:
                print(f"{key} = {values[key]}")
        return 0
    if args.key not in CONFIG_KEYS:
        return _fail(f"unknown setting {args.key!r} (one of {', '.join(CONFIG_KEYS)})")
    if args.value is None:
        print(values.get(args.key))
        return 0
    lo, hi = CONFIG_KEYS[args.key]
    if not args.value.isdigit() or not lo <= int(args.value) <= hi:
        return _fail(f"{args.key} must be a whole number from {lo} to {hi}")
    with db.write() as conn:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (args.key, str(int(args.value))),
        )
    applies = APPLIES.get(args.key, "applies to reports submitted from now on")
    print(f"{args.key} = {int(args.value)} ({applies})")
    return 0


def _fail(message: str) -> int:
    print(f"kmzb-store: {message}", file=sys.stderr)
    return 2


def _require_schema(db: Database) -> None:
    from .migrations import latest_version, schema_version

    have = schema_version(db)
    if have < latest_version(db.dialect):
        raise DatabaseError(
            f"database schema version {have}, expected {latest_version(db.dialect)}: "
            "run `kmzb-store init` first"
        )


def cmd_init(db: Database, args) -> int:
    from .migrations import migrate, schema_version
    from .operations import purge_operations

    applied = migrate(db)
    with db.write() as conn:
        purged = purge_operations(conn)
    if purged:
        print(f"purged {purged} stored results of changes past their retention")
    version = schema_version(db)
    if applied:
        print(f"applied migrations {', '.join(map(str, applied))}; schema version {version}")
    else:
        print(f"schema up to date (version {version})")
    print(f"database ready: {db.redacted_url()}")
    return 0


def cmd_serve(db: Database, args) -> int:
    import uvicorn

    from .serving import (
        ENV_READ_TIMEOUT,
        ENV_SEND_TIMEOUT,
        KEEP_ALIVE,
        GuardedH11Protocol,
        raise_open_files_limit,
    )

    _require_schema(db)
    db.close()
    os.environ[ENV_URL] = db.url
    if args.workers < 1:
        return _fail("--workers must be at least 1")
    for value, env in (
        (args.read_timeout, ENV_READ_TIMEOUT),
        (args.send_timeout, ENV_SEND_TIMEOUT),
    ):
        if value is not None:
            if not 0 < value <= 3600:
                return _fail("--read-timeout and --send-timeout take 0 < S <= 3600 seconds")
            os.environ[env] = str(value)
    raise_open_files_limit()  # the workers inherit it
    uvicorn.run(
        "kmzb_store.api.app:create_app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        access_log=False,
        proxy_headers=True,
        forwarded_allow_ips=args.forwarded_allow_ips,
        http=GuardedH11Protocol,  # read and send timeouts: serving.py
        timeout_keep_alive=KEEP_ALIVE,
        # no limit_concurrency: uvicorn counts idle connections in it and would answer 503
        # to everyone while a crowd of idle sockets waits for its read timeout
        log_level=args.log_level,
        server_header=False,
        timeout_graceful_shutdown=5,
        env_file=None,
    )
    return 0


def cmd_create_user(db: Database, args) -> int:
    from .auth import UserSpec, create_user

    _require_schema(db)
    try:
        with db.write() as conn:
            token = create_user(conn, UserSpec(args.name, args.role, args.unit, args.district))
    except ValueError as e:
        return _fail(str(e))
    print(f"user {args.name} ({args.role}) ready; bearer token:")
    print(token)
    return 0


def cmd_import_districts(db: Database, args) -> int:
    from .districts import normalise, unit_codes, upsert

    _require_schema(db)
    try:
        from .district_files import DistrictFileError, read_districts
    except ImportError:
        return _fail("district file support (kmzb_store.district_files) is not installed")
    warnings: list[str] = []
    try:
        records = read_districts(args.file, warnings)
    except DistrictFileError as e:
        return _fail(str(e))
    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    try:
        with db.write() as conn:
            ids = unit_codes(conn)
            items = [normalise(r, ids, f"feature {n}") for n, r in enumerate(records)]
            result = upsert(conn, items, "import-districts")
    except ValueError as e:
        return _fail(str(e))
    print(
        f"districts: {result['created']} created, {result['updated']} updated; "
        f"reports moved: {result['reports_moved']}"
    )
    return 0


def cmd_demo_data(db: Database, args) -> int:
    from .demo import DemoDataError, generate
    from .loader import load

    _require_schema(db)
    if args.reports < 0 or args.days < 1:
        return _fail("--reports must be >= 0 and --days >= 1")
    now = datetime.now(UTC).replace(microsecond=0)
    try:  # builds units and districts; a missing input (the demo extra, QGIS's map) stops here
        data = generate(args.reports, args.days, args.seed, args.full_scale, now)
    except DemoDataError as e:
        return _fail(str(e))
    stats = load(db, data)
    print(
        f"loaded {stats.units} units, {stats.districts} districts, {stats.reports} reports "
        f"({stats.history} history rows, {stats.skipped} skipped) in {stats.seconds:.1f} s"
    )
    return 0


def cmd_export(db: Database, args) -> int:
    from .export import export

    _require_schema(db)
    try:
        n = export(db, args.file)
    except ValueError as e:
        return _fail(str(e))
    print(f"exported {n} reports to {args.file}")
    return 0


COMMANDS = {
    "init": cmd_init,
    "serve": cmd_serve,
    "create-user": cmd_create_user,
    "import-districts": cmd_import_districts,
    "demo-data": cmd_demo_data,
    "export": cmd_export,
    "config": cmd_config,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if getattr(args, "no_access_log", False):
        os.environ["KMZB_STORE_ACCESS_LOG"] = "0"
    try:
        db = Database(resolve_url(args.db))
        try:
            return COMMANDS[args.command](db, args)
        finally:
            db.close()
    except DatabaseError as e:
        return _fail(str(e))
    except KeyboardInterrupt:
        return 130
