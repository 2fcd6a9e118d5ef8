"""The demo reports: drawn in numpy chunks (vectorised sampling, bulk point-in-polygon
through a shapely STRtree) and turned into dicts only while the caller iterates."""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import numpy as np
import shapely

from .context import TIME_OF_DAY, ReportContext
from .texts import DESCRIPTION_NONE_P, HOSTILE, HOSTILE_P, NOTES

CHUNK = 65536  # reports drawn per numpy chunk
_WARSAW_TZ = ZoneInfo("Europe/Warsaw")


def _pick(cum: np.ndarray, u: np.ndarray) -> np.ndarray:
    """Index drawn from per-row cumulative probabilities ``cum`` ([n, k-1] or [n, k])."""
    return (u[:, None] > cum).sum(axis=1)


def _locate(
    ctx: ReportContext, rng: np.random.Generator, town: np.ndarray, mode: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    n = len(town)
    kx, ky = ctx.kx[town], ctx.ky[town]
    # 0: around the town centre or one of its quarters
    k = _pick(ctx.cc_cum[town], rng.random(n))
    k = np.minimum(k, ctx.cc_cum.shape[1] - 1)
    sd = ctx.cc_sd[town, k]
    g = rng.normal(0, 1, (4, n))
    x0 = ctx.cc_lon[town, k] + g[0] * sd * kx
    y0 = ctx.cc_lat[town, k] + g[1] * sd * ky
    # 1: along a street
    s = (rng.random(n) * ctx.st_n[town]).astype(int)
    along = (2 * rng.random(n) - 1) * ctx.st_len[town, s]
    across = g[2] * 0.03
    dx, dy = ctx.st_dx[town, s], ctx.st_dy[town, s]
    x1 = ctx.st_lon[town, s] + (along * dx - across * dy) * kx
    y1 = ctx.st_lat[town, s] + (along * dy + across * dx) * ky
    # 2: a hot spot
    h = (rng.random(n) * ctx.hs_n[town]).astype(int)
    x2 = ctx.hs_lon[town, h] + g[3] * 0.12 * kx
    y2 = ctx.hs_lat[town, h] + g[2] * 0.12 * ky
    # 3: scattered widely around the town
    w = rng.normal(0, 1, (2, n)) * (1.6 * ctx.radius[town])
    x3 = ctx.town_lon[town] + w[0] * kx
    y3 = ctx.town_lat[town] + w[1] * ky
    # rounded here, so that the district found for a point is the one its stored value is in
    lon = np.round(np.choose(mode, (x0, x1, x2, x3)), 6)
    lat = np.round(np.choose(mode, (y0, y1, y2, y3)), 6)
    return lon, lat


def _assign_districts(ctx: ReportContext, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Index of the district each point lies in; len(districts) (-> None) when outside."""
    out = np.full(len(lon), len(ctx.district_code) - 1)
    hits = ctx.tree.query(shapely.points(lon, lat), predicate="within")
    out[hits[0]] = hits[1]
    return out


def _nearest_seat(ctx: ReportContext, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    out = np.empty(len(lon), dtype=object)
    for a in range(0, len(lon), 4096):
        x, y = lon[a : a + 4096, None], lat[a : a + 4096, None]
        d = ((ctx.seat_lon - x) * np.cos(np.radians(y))) ** 2 + (ctx.seat_lat - y) ** 2
        out[a : a + 4096] = ctx.seat_code[d.argmin(axis=1)]
    return out


def _utc_offsets(start_day: int, ndays: int) -> np.ndarray:
    """Europe/Warsaw UTC offset in seconds at noon of each UTC day from ``start_day``."""
    return np.array(
        [
            int(
                datetime.fromtimestamp((start_day + i) * 86400 + 43200, _WARSAW_TZ)
                .utcoffset()
                .total_seconds()
            )
            for i in range(ndays)
        ],
        dtype=np.int64,
    )


def _submission_times(
    ctx: ReportContext,
    rng: np.random.Generator,
    grp: np.ndarray,
    t_lo: int,
    t_hi: int,
    offsets: np.ndarray,
    start_day: int,
) -> np.ndarray:
    """Epoch seconds in (t_lo, t_hi], shaped by the group's hour and weekday profile."""
    n = len(grp)
    out = np.empty(n, dtype=np.int64)
    pending = np.arange(n)
    for _ in range(200):
        if len(pending) == 0:
            break
        t = t_hi - rng.integers(0, t_hi - t_lo, len(pending))
        local = t + offsets[(t // 86400) - start_day]
        hour = (local // 3600) % 24
        weekday = ((local // 86400) + 3) % 7  # 1970-01-01 was a Thursday
        g = grp[pending]
        ok = rng.random(len(pending)) < ctx.hour_w[g, hour] * ctx.weekday_w[g, weekday]
        out[pending[ok]] = t[ok]
        pending = pending[~ok]
    out[pending] = t_hi
    return out


def _report_chunk(
    ctx: ReportContext,
    rng: np.random.Generator,
    n: int,
    now_ts: int,
    days: int,
    offsets: np.ndarray,
    start_day: int,
) -> dict[str, np.ndarray]:
    cat = rng.choice(len(ctx.cat_codes), size=n, p=ctx.cat_p)
    grp = ctx.cat_group[cat]
    mode = _pick(ctx.mode_cum[grp], rng.random(n))
    town = rng.choice(len(ctx.town_p), size=n, p=ctx.town_p)
    lon, lat = _locate(ctx, rng, town, mode)
    dist = _assign_districts(ctx, lon, lat)
    none_idx = len(ctx.district_code) - 1
    for attempt in range(6):  # points outside Poland are drawn again, near the town centre
        out = np.flatnonzero(dist == none_idx)
        bad = out[~shapely.contains_xy(ctx.poland, lon[out], lat[out])]
        if len(bad) == 0:
            break
        if attempt == 5:
            lon[bad], lat[bad] = ctx.town_lon[town[bad]], ctx.town_lat[town[bad]]
        else:
            lon[bad], lat[bad] = _locate(ctx, rng, town[bad], np.zeros(len(bad), dtype=int))
        dist[bad] = _assign_districts(ctx, lon[bad], lat[bad])
    unit = ctx.district_unit[dist]
    outside = np.flatnonzero(dist == none_idx)
    unit[outside] = _nearest_seat(ctx, lon[outside], lat[outside])

    t_lo = now_ts - days * 86400
    sub = _submission_times(ctx, rng, grp, t_lo, now_ts, offsets, start_day)
    age_h = (now_ts - sub) / 3600.0

    # workflow: take-up delay, then verification delay (hours)
    take = rng.lognormal(math.log(10.0), 1.0, n)
    take[(rng.random(n) < 0.015) & (age_h < 30 * 24)] = np.inf  # forgotten: never taken up
    direct = rng.random(n) < 0.15  # verified straight from "nowe"
    verify = np.where(direct, 0.0, rng.lognormal(math.log(30.0), 0.9, n))
    verify[(rng.random(n) < 0.01) & (age_h < 30 * 24)] = np.inf  # stuck in weryfikacja
    took = take <= age_h
    verified = took & (take + verify <= age_h)
    confirmed = rng.random(n) < ctx.cat_confirm[cat]
    u = rng.random(n)
    status = np.full(n, 0, dtype=np.int8)  # an index into _STATUS_ORDER
    status[took] = 1
    outcome = np.where(confirmed, 2, np.where(u < 0.85, 3, 4))
    status[verified] = outcome[verified]
    since_verified = age_h - (take + verify)
    later = verified & confirmed & (since_verified > 24)
    u2 = rng.random(n)
    status[later & (u2 < 0.25)] = 5
    status[later & (u2 >= 0.25) & (u2 < 0.35)] = 6
    # -1 stands for None; both times are <= now because the delays fit in the report's age
    taken_at = np.where(took, sub + np.where(took, take, 0) * 3600, -1).astype(np.int64)
    done_h = np.where(verified, take + verify, 0)
    verified_at = np.where(verified, sub + done_h * 3600, -1).astype(np.int64)

    # the other fields
    desc_kind = rng.random(n)
    desc_idx = rng.integers(0, 1 << 30, n)
    confirmations = np.where(rng.random(n) < 0.72, 0, np.minimum(rng.zipf(1.9, n), 400))
    has_date = rng.random(n) < 0.25
    date_back = rng.integers(0, 4, n)
    has_time = has_date & (rng.random(n) < 0.5)
    ev_hour = rng.integers(0, 24, n)
    ev_min = rng.integers(0, 12, n) * 5
    has_tod = rng.random(n) < 0.3
    tod = _pick(ctx.tod_cum[grp], rng.random(n))
    tod_from_hour = np.select(
        [ev_hour < 6, ev_hour < 10, ev_hour < 18, ev_hour < 22], [3, 0, 1, 2], 3
    )
    tod = np.where(has_time, tod_from_hour, tod)
    has_days = rng.random(n) < 0.2
    days_idx = rng.integers(0, 4, n)
    note_idx = rng.integers(0, 1 << 30, n)
    local = sub + offsets[(sub // 86400) - start_day]
    local_day = local // 86400
    # an event seen "today" happened before the report was sent: else it was yesterday
    later_today = (date_back == 0) & (ev_hour * 3600 + ev_min * 60 > local % 86400)
    date_back = np.where(has_time & later_today, 1, date_back)
    return {
        "cat": cat,
        "grp": grp,
        "lon": lon,
        "lat": lat,
        "dist": dist,
        "unit": unit,
        "sub": sub,
        "status": status,
        "taken": taken_at,
        "verified": verified_at,
        "desc_kind": desc_kind,
        "desc_idx": desc_idx,
        "confirmations": confirmations,
        "event_day": np.where(has_date, local_day - date_back, -1),
        "event_hour": np.where(has_time, ev_hour, -1),
        "event_min": ev_min,
        "tod": np.where(has_tod | has_time, tod, -1),
        "days": np.where(has_days, days_idx, -1),
        "note_idx": note_idx,
    }


_STATUS_ORDER = (
    "nowe",
    "weryfikacja",
    "potwierdzone",
    "niepotwierdzone",
    "zart_pomylka",
    "wyeliminowane",
    "przekazane",
)
_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()


def _chunk_dicts(ctx: ReportContext, c: dict[str, np.ndarray]) -> Iterator[dict]:
    from_ts = datetime.fromtimestamp
    codes = ctx.cat_codes
    descs = ctx.descriptions
    notes = [NOTES.get(s, (None,)) for s in _STATUS_ORDER]
    dcodes = ctx.district_code
    hostile_cut = HOSTILE_P
    none_cut = HOSTILE_P + DESCRIPTION_NONE_P
    cols = (
        c["cat"].tolist(),
        c["grp"].tolist(),
        c["lon"].tolist(),
        c["lat"].tolist(),
        dcodes[c["dist"]].tolist(),
        c["unit"].tolist(),
        c["sub"].tolist(),
        c["status"].tolist(),
        c["taken"].tolist(),
        c["verified"].tolist(),
        c["desc_kind"].tolist(),
        c["desc_idx"].tolist(),
        c["confirmations"].tolist(),
        c["event_day"].tolist(),
        c["event_hour"].tolist(),
        c["event_min"].tolist(),
        c["tod"].tolist(),
        c["days"].tolist(),
        c["note_idx"].tolist(),
    )
    for (
        cat,
        grp,
        lon,
        lat,
        dcode,
        unit,
        sub,
        st,
        taken,
        verified,
        dk,
        di,
        conf,
        eday,
        ehour,
        emin,
        tod,
        days,
        ni,
    ) in zip(*cols, strict=True):
        if dk < hostile_cut:
            desc = HOSTILE[di % len(HOSTILE)]
        elif dk < none_cut:
            desc = None
        else:
            pool = descs[cat]
            desc = pool[di % len(pool)]
        note_pool = notes[st]
        yield {
            "category": codes[cat],
            "lon": lon,
            "lat": lat,
            "description": desc,
            "submitted_at": from_ts(sub, UTC),
            "status": _STATUS_ORDER[st],
            "taken_up_at": from_ts(taken, UTC) if taken >= 0 else None,
            "verified_at": from_ts(verified, UTC) if verified >= 0 else None,
            "last_note": note_pool[ni % len(note_pool)],
            "confirmations": conf,
            "event_date": date.fromordinal(_EPOCH_ORDINAL + eday) if eday >= 0 else None,
            "event_time": time(ehour, emin) if ehour >= 0 else None,
            "time_of_day": TIME_OF_DAY[tod] if tod >= 0 else None,
            "days_of_week": ctx.days_patterns[grp][days] if days >= 0 else None,
            "district_code": dcode,
            "unit_code": unit,
        }


def iter_reports(
    ctx: ReportContext, seed: int, count: int, days: int, now: datetime
) -> Iterator[dict]:
    """``count`` report dicts, drawn CHUNK at a time with their own seeded generator."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 2]))
    now_ts = int(now.timestamp())
    start_day = (now_ts - days * 86400) // 86400 - 1
    offsets = _utc_offsets(start_day, days + 4)
    done = 0
    while done < count:
        n = min(CHUNK, count - done)
        yield from _chunk_dicts(ctx, _report_chunk(ctx, rng, n, now_ts, days, offsets, start_day))
        done += n
