"""kmzb:trends — counts per week, day of week × hour, change between two periods; charts."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
from qgis.core import (  # type: ignore[attr-defined]  # QgsProcessingException: not in qgis-stubs
    QgsFeature,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QDate

from ..core import compat
from ..core.analysis import charts
from ..core.analysis.trends import (
    day_hour_counts,
    local_day,
    period_change,
    weekly_counts,
)
from ..i18n import tr
from .analysis_common import AnalysisAlgorithm, period_bounds, stop_if_cancelled
from .common import parse_day

DEFAULT_DAYS = 28


def span(bounds: tuple[float, float]) -> str:
    """The local days of a [start, end) period, e.g. 2026-03-01 – 2026-03-28."""
    return f"{local_day(bounds[0])} – {local_day(bounds[1] - 1)}"


def table_fields(columns: tuple[tuple[str, compat.FieldType], ...]) -> QgsFields:
    fields = QgsFields()
    for name, kind in columns:
        fields.append(QgsField(name, kind))
    return fields


class TrendsAlgorithm(AnalysisAlgorithm):
    FIRST_FROM, FIRST_TO = "FIRST_FROM", "FIRST_TO"
    SECOND_FROM, SECOND_TO = "SECOND_FROM", "SECOND_TO"
    WEEKLY, DAY_HOUR, CHANGE, CHARTS = "WEEKLY", "DAY_HOUR", "CHANGE", "CHARTS"
    WEEKS = "WEEKS"

    def name(self) -> str:
        return "trends"

    def displayName(self) -> str:
        return tr("Trends")

    def shortHelpString(self) -> str:
        return tr(
            "Reports per week (Monday to Sunday), by day of week and hour (Polish local "
            "time), and the percent change between two periods per district and per "
            "category, as tables and PNG charts in a folder. Without dates, the second "
            "period is the last 28 days of the data and the first the 28 days before."
        )

    def initAlgorithm(self, config=None):
        self.add_report_inputs()
        for name, label in (
            (self.FIRST_FROM, tr("First period from (YYYY-MM-DD)")),
            (self.FIRST_TO, tr("First period to (YYYY-MM-DD, inclusive)")),
            (self.SECOND_FROM, tr("Second period from (YYYY-MM-DD)")),
            (self.SECOND_TO, tr("Second period to (YYYY-MM-DD, inclusive)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.WEEKLY, tr("Reports per week")))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.DAY_HOUR, tr("Reports by day and hour"))
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.CHANGE, tr("Change between the periods"))
        )
        self.addParameter(QgsProcessingParameterFolderDestination(self.CHARTS, tr("Charts")))
        self.addOutput(QgsProcessingOutputNumber(self.WEEKS, tr("Weeks")))

    def periods(self, parameters, context, last_time: float) -> tuple[tuple, tuple]:
        days = [
            parse_day(self.parameterAsString(parameters, name, context), label)
            for name, label in (
                (self.FIRST_FROM, tr("First period from")),
                (self.FIRST_TO, tr("First period to")),
                (self.SECOND_FROM, tr("Second period from")),
                (self.SECOND_TO, tr("Second period to")),
            )
        ]
        end = local_day(last_time)
        defaults = (
            end - timedelta(days=2 * DEFAULT_DAYS - 1),
            end - timedelta(days=DEFAULT_DAYS),
            end - timedelta(days=DEFAULT_DAYS - 1),
            end,
        )
        days = [d or default for d, default in zip(days, defaults, strict=True)]
        return period_bounds(days[0], days[1]), period_bounds(days[2], days[3])

    def processAlgorithm(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, "INPUT", context)
        by_district = source is not None and source.fields().indexOf("district_id") >= 0
        columns = ("category", "district_id") if by_district else ("category",)
        reports = self.read_reports(parameters, context, feedback, columns, need_time=True)
        t = reports.t[~np.isnan(reports.t)]
        if len(t) == 0:
            raise QgsProcessingException(tr("No report has a submission time."))
        folder = Path(self.parameterAsString(parameters, self.CHARTS, context))
        folder.mkdir(parents=True, exist_ok=True)

        weeks, counts = weekly_counts(t)
        sink, weekly_id = self.table(
            parameters,
            context,
            self.WEEKLY,
            (("week_start", compat.DATE), ("reports", compat.INT)),
        )
        self.write(
            sink,
            [[QDate(w.year, w.month, w.day), int(c)] for w, c in zip(weeks, counts, strict=True)],
        )
        charts.weekly_chart(weeks, counts, folder / "weekly.png")
        feedback.setProgress(55)
        stop_if_cancelled(feedback)

        table = day_hour_counts(t)
        names = charts.day_names()
        sink, day_hour_id = self.table(
            parameters,
            context,
            self.DAY_HOUR,
            (
                ("weekday", compat.INT),
                ("day", compat.STRING),
                ("hour", compat.INT),
                ("reports", compat.INT),
            ),
        )
        self.write(
            sink,
            [[d + 1, names[d], h, int(table[d, h])] for d in range(7) for h in range(24)],
        )
        charts.day_hour_chart(table, folder / "day_hour.png")
        feedback.setProgress(70)
        stop_if_cancelled(feedback)

        first, second = self.periods(parameters, context, float(t.max()))
        sink, change_id = self.table(
            parameters,
            context,
            self.CHANGE,
            (
                ("dimension", compat.STRING),
                ("key", compat.STRING),
                ("first", compat.INT),
                ("second", compat.INT),
                ("change_pct", compat.DOUBLE),
            ),
        )
        for dimension, title, file in (
            ("category", tr("Change per category"), "change_category.png"),
            ("district_id", tr("Change per district"), "change_district.png"),
        ):
            if dimension not in reports.attributes:
                feedback.pushWarning(tr("No district_id field: no change per district."))
                continue
            keys = np.array(
                [tr("(none)") if k is None else str(k) for k in reports.attributes[dimension]]
            )
            changes = period_change(keys[~np.isnan(reports.t)], t, first, second)
            self.write(sink, [[dimension, c.key, c.before, c.after, c.percent] for c in changes])
            charts.change_chart(changes, f"{title}: {span(first)} → {span(second)}", folder / file)
        feedback.setProgress(100)
        return {
            self.WEEKLY: weekly_id,
            self.DAY_HOUR: day_hour_id,
            self.CHANGE: change_id,
            self.CHARTS: str(folder),
            self.WEEKS: len(weeks),
        }

    def table(self, parameters, context, name: str, columns):
        return self.parameterAsSink(
            parameters, name, context, table_fields(columns), QgsWkbTypes.Type.NoGeometry
        )

    @staticmethod
    def write(sink, rows: list[list]) -> None:
        features = []
        for row in rows:
            feature = QgsFeature()
            feature.setAttributes(row)
            features.append(feature)
        sink.addFeatures(features, QgsFeatureSink.Flag.FastInsert)
