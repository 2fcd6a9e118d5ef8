"""What the Analysis algorithms share: the reports input with its filters, read into numpy
arrays in EPSG:2180 and clear messages for bad inputs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import numpy as np
from qgis.core import (  # type: ignore[attr-defined]  # QgsProcessingException: not in qgis-stubs
    QgsCoordinateReferenceSystem,
    QgsExpression,
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterString,
)

from ..core.analysis.steps import Steps
from ..core.analysis.trends import local_midnight
from ..core.errors import KmzbError
from ..i18n import tr
from .common import parse_day

PL_1992 = QgsCoordinateReferenceSystem("EPSG:2180")
POLAND_2180 = (100_000.0, 50_000.0, 950_000.0, 900_000.0)  # generous PL-1992 bounds
INPUT, CATEGORY, STATUS, FROM, TO = "INPUT", "CATEGORY", "STATUS", "FROM", "TO"
SOURCE = "SOURCE"


@dataclass
class Reports:
    """The filtered reports: ids, coordinates in metres and the attributes asked for."""

    ids: np.ndarray
    x: np.ndarray
    y: np.ndarray
    t: np.ndarray  # submission time, epoch seconds; NaN when not read or missing
    attributes: dict[str, np.ndarray] = field(default_factory=dict)
    unplaced: int = 0  # features without a geometry in EPSG:2180 (none, or not transformable)


def period_bounds(first: date | None, last: date | None) -> tuple[float, float]:
    """[start, end) in epoch seconds of the local days first..last (open ends: ±inf)."""
    if first and last and first > last:
        raise QgsProcessingException(
            tr("The period is empty: it starts on {} but ends on {}.").format(first, last)
        )
    start = local_midnight(first) if first else -np.inf
    end = local_midnight(last + timedelta(days=1)) if last else np.inf
    return start, end


def epoch_seconds(value) -> float:
    """A QDateTime, an ISO text or NULL as epoch seconds (NaN when missing)."""
    if hasattr(value, "toMSecsSinceEpoch"):
        return value.toMSecsSinceEpoch() / 1000 if value.isValid() else np.nan
    if isinstance(value, str) and value:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment.timestamp()
    return np.nan


def codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def stop_if_cancelled(feedback) -> None:
    if feedback.isCanceled():
        raise QgsProcessingException(tr("Cancelled."))


class AnalysisAlgorithm(QgsProcessingAlgorithm):
    """Base of the algorithms in the Analysis group: the reports input and its filters."""

    def group(self) -> str:
        return tr("Analysis")

    def groupId(self) -> str:
        return "analysis"

    def createInstance(self):
        return type(self)()

    def add_report_inputs(self) -> None:
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                INPUT,
                tr("Reports (the KMZB reports layer or one with the same fields)"),
                [QgsProcessing.SourceType.TypeVectorPoint],  # type: ignore[attr-defined]  # 3.22 name
            )
        )
        for name, label in (
            (CATEGORY, tr("Only category codes, comma separated")),
            (STATUS, tr("Only status codes, comma separated")),
            (SOURCE, tr("Only source codes, comma separated (e.g. obywatel, debata_spoleczna)")),
            (FROM, tr("Submitted from (YYYY-MM-DD)")),
            (TO, tr("Submitted to (YYYY-MM-DD, inclusive)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))

    def read_reports(
        self,
        parameters,
        context,
        feedback,
        columns: tuple[str, ...] = (),
        need_time: bool = False,
    ) -> Reports:
        """Read the filtered reports in EPSG:2180; progress 0-40 %, cancel honoured."""
        source = self.parameterAsSource(parameters, INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, INPUT))
        if not source.sourceCrs().isValid():
            raise QgsProcessingException(
                tr("The reports layer has no coordinate reference system; set one first.")
            )
        categories = codes(self.parameterAsString(parameters, CATEGORY, context))
        statuses = codes(self.parameterAsString(parameters, STATUS, context))
        sources = codes(self.parameterAsString(parameters, SOURCE, context))
        first = parse_day(self.parameterAsString(parameters, FROM, context), tr("Submitted from"))
        last = parse_day(self.parameterAsString(parameters, TO, context), tr("Submitted to"))
        start, end = period_bounds(first, last)
        by_time = need_time or first is not None or last is not None
        wanted = list(columns)
        if categories:
            wanted.append("category")
        if statuses:
            wanted.append("status")
        if sources:
            wanted.append("source")
        if by_time:
            wanted.append("submitted_at")
        fields = source.fields()
        missing = sorted({c for c in wanted if fields.indexOf(c) < 0})
        if missing:
            raise QgsProcessingException(
                tr("The reports layer has no field {}; use the KMZB reports layer.").format(
                    ", ".join(missing)
                )
            )
        if source.featureCount() == 0:
            raise QgsProcessingException(tr("The reports layer is empty."))
        request = QgsFeatureRequest()
        request.setDestinationCrs(PL_1992, context.transformContext())
        request.setSubsetOfAttributes(sorted(set(wanted)), fields)
        filters = [
            f'"{name}" IN ({", ".join(QgsExpression.quotedValue(v) for v in values)})'
            for name, values in (
                ("category", categories),
                ("status", statuses),
                ("source", sources),
            )
            if values
        ]
        if filters:
            request.setFilterExpression(" AND ".join(filters))
        reports = self._collect(source, request, fields, columns, by_time, feedback)
        self._check_placed(reports, source)
        if by_time:
            reports = subset(reports, (reports.t >= start) & (reports.t < end))
        if len(reports.x) == 0:
            raise QgsProcessingException(
                tr(
                    "No reports match the filters (categories: {}; statuses: {}; sources: {}; "
                    "period: {} – {})."
                ).format(
                    ", ".join(categories) or tr("all"),
                    ", ".join(statuses) or tr("all"),
                    ", ".join(sources) or tr("all"),
                    first or "…",
                    last or "…",
                )
            )
        feedback.pushInfo(tr("{:,} reports analysed.").format(len(reports.x)))
        return reports

    @staticmethod
    def _check_placed(reports: Reports, source) -> None:
        """Refuse reports that do not land in Poland: a layer with the wrong CRS set."""
        outside = reports.unplaced + int(
            (
                ~(
                    (reports.x >= POLAND_2180[0])
                    & (reports.x <= POLAND_2180[2])
                    & (reports.y >= POLAND_2180[1])
                    & (reports.y <= POLAND_2180[3])
                )
            ).sum()
        )
        if outside:
            raise QgsProcessingException(
                tr(
                    "{:,} reports fall outside Poland once transformed from {} to EPSG:2180 "
                    "(or have no point): is the layer's coordinate reference system right?"
                ).format(outside, source.sourceCrs().authid() or tr("its CRS"))
            )

    def _collect(self, source, request, fields, columns, by_time, feedback) -> Reports:
        total = max(source.featureCount(), 1)
        index = {c: fields.indexOf(c) for c in columns}
        time_index = fields.indexOf("submitted_at")
        ids, xs, ys, ts = [], [], [], []
        unplaced = 0
        values: dict[str, list] = {c: [] for c in columns}
        for n, feature in enumerate(source.getFeatures(request)):
            if n % 20000 == 0:
                stop_if_cancelled(feedback)
                feedback.setProgress(40 * n / total)
            geometry = feature.geometry()
            if geometry.isEmpty():
                unplaced += 1
                continue
            point = geometry.constGet()
            if geometry.isMultipart():
                point = geometry.centroid().constGet()
            ids.append(feature.id())
            xs.append(point.x())
            ys.append(point.y())
            if by_time:
                ts.append(epoch_seconds(feature.attribute(time_index)))
            for column, i in index.items():
                values[column].append(feature.attribute(i))
        stop_if_cancelled(feedback)
        count = len(xs)
        return Reports(
            ids=np.array(ids, dtype=np.int64),
            x=np.array(xs, dtype=float),
            y=np.array(ys, dtype=float),
            t=np.array(ts, dtype=float) if by_time else np.full(count, np.nan),
            attributes={c: _column(v) for c, v in values.items()},
            unplaced=unplaced,
        )

    def steps(self, feedback, start: float = 40, end: float = 90) -> Steps:
        """Core progress (0-100) mapped onto [start, end] of the algorithm's progress."""
        return Steps(
            progress=lambda p: feedback.setProgress(start + (end - start) * p / 100),
            is_cancelled=feedback.isCanceled,
        )

    def run_core(self, work: Callable):
        """Run core work with its typed failures turned into a clear QgsProcessingException."""
        try:
            return work()
        except KmzbError as exc:
            raise QgsProcessingException(exc.message) from exc


def _column(values: list) -> np.ndarray:
    """Attribute values as an object array, QGIS NULLs as None."""
    array = np.empty(len(values), dtype=object)
    array[:] = [None if v is None or (hasattr(v, "isNull") and v.isNull()) else v for v in values]
    return array


def subset(reports: Reports, keep: np.ndarray) -> Reports:
    return Reports(
        reports.ids[keep],
        reports.x[keep],
        reports.y[keep],
        reports.t[keep],
        {k: v[keep] for k, v in reports.attributes.items()},
    )
