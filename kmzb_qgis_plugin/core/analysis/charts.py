"""Trend charts as PNG files, drawn with matplotlib's Agg backend (no display needed)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from ...i18n import tr
from .trends import Change

TOP = 20  # bars in a change chart


def day_names() -> list[str]:
    return [tr("Mon"), tr("Tue"), tr("Wed"), tr("Thu"), tr("Fri"), tr("Sat"), tr("Sun")]


def _figure(width: float = 9, height: float = 4.5):
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), dpi=110, layout="constrained")


def weekly_chart(weeks: list[date], counts: np.ndarray, path: Path) -> Path:
    figure = _figure()
    axes = figure.add_subplot()
    axes.bar(weeks, counts, width=5, color="#1f4e96")
    axes.set_title(tr("Reports per week"))
    axes.set_ylabel(tr("Reports"))
    axes.set_xlabel(tr("Week starting"))
    axes.tick_params(axis="x", labelrotation=45)
    figure.savefig(path)
    return path


def day_hour_chart(table: np.ndarray, path: Path) -> Path:
    figure = _figure(9, 3.8)
    axes = figure.add_subplot()
    image = axes.imshow(table, aspect="auto", cmap="YlOrRd")
    axes.set_yticks(range(7), day_names())
    axes.set_xticks(range(0, 24, 2))
    axes.set_xlabel(tr("Hour (local time)"))
    axes.set_title(tr("Reports by day of week and hour"))
    figure.colorbar(image, ax=axes, label=tr("Reports"))
    figure.savefig(path)
    return path


def change_chart(changes: list[Change], title: str, path: Path) -> Path:
    shown = changes[:TOP]
    figure = _figure(9, 0.35 * max(len(shown), 4) + 1.5)
    axes = figure.add_subplot()
    labels = [c.key for c in shown][::-1]
    positions = np.arange(len(shown))
    axes.barh(positions - 0.2, [c.before for c in shown][::-1], 0.4, label=tr("First period"))
    axes.barh(positions + 0.2, [c.after for c in shown][::-1], 0.4, label=tr("Second period"))
    for y, change in zip(positions, shown[::-1], strict=True):
        percent = change.percent
        text = "—" if percent is None else f"{percent:+.0f}%"
        axes.text(max(change.before, change.after), y, f" {text}", va="center", fontsize=8)
    axes.set_yticks(positions, labels)
    axes.set_xlabel(tr("Reports"))
    axes.set_title(title)
    axes.legend(loc="lower right")
    figure.savefig(path)
    return path
