"""kmzb:briefing — a briefing for a unit or district and a period, as PDF and PNG."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (  # type: ignore[attr-defined]  # QgsProcessingException: not in qgis-stubs
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProject,
)

from ..core import settings
from ..core.briefing import gather, resolve_scope
from ..core.briefing_layout import build_layout, export
from ..core.cache import Cache
from ..core.errors import KmzbError
from ..core.layers import language
from ..core.session import session
from ..i18n import tr
from .common import CONNECTION, connection_parameter, parse_day, resolve_connection


class BriefingAlgorithm(QgsProcessingAlgorithm):
    UNIT, DISTRICT, FROM, TO, AUTHOR = "UNIT", "DISTRICT", "FROM", "TO", "AUTHOR"
    PDF, PNG, REPORTS, PAGES = "OUTPUT_PDF", "OUTPUT_PNG", "REPORTS", "PAGES"

    def name(self) -> str:
        return "briefing"

    def displayName(self) -> str:
        return tr("Briefing (PDF and PNG)")

    def group(self) -> str:
        return tr("Analysis")

    def groupId(self) -> str:
        return "analysis"

    def flags(self):
        # the print layout renders through Qt's painting: keep it on the main thread
        return super().flags() | QgsProcessingAlgorithm.Flag.FlagNoThreading  # type: ignore[attr-defined]  # 3.22 name

    def createInstance(self):
        return type(self)()

    def shortHelpString(self) -> str:
        return tr(
            "A print layout for a commander's briefing from the local cache of a KMZB "
            "connection: the map of reports by status over the districts with legend, scale "
            "bar and north arrow, the district table, the top categories, the reports past a "
            "deadline, the date and the author. Choose a unit or one district and the "
            "submission period; pull the reports for that period first."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(connection_parameter())
        for name, label in (
            (self.UNIT, tr("Police unit (id or name; empty: every cached district)")),
            (self.DISTRICT, tr("District (id, code or name; overrides the unit)")),
            (self.FROM, tr("Submitted from (YYYY-MM-DD)")),
            (self.TO, tr("Submitted to (YYYY-MM-DD)")),
            (self.AUTHOR, tr("Author (empty: the connection's user)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(
            QgsProcessingParameterFileDestination(self.PDF, tr("Briefing PDF"), tr("PDF (*.pdf)"))
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.PNG,
                tr("Briefing PNG (one file per page: name.png, name_2.png, …)"),
                tr("PNG (*.png)"),
                optional=True,
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.REPORTS, tr("Reports in the briefing")))
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, tr("Pages")))

    def processAlgorithm(self, parameters, context, feedback):
        def text(name: str) -> str:
            return self.parameterAsString(parameters, name, context)

        conn = resolve_connection(text(CONNECTION))
        since = parse_day(text(self.FROM), tr("Submitted from"))
        until = parse_day(text(self.TO), tr("Submitted to"))
        pdf = Path(self.parameterAsFileOutput(parameters, self.PDF, context))
        png_path = self.parameterAsFileOutput(parameters, self.PNG, context)
        png = Path(png_path) if png_path else None
        gpkg = settings.cache_path(conn)
        if not gpkg.exists():
            raise QgsProcessingException(
                tr("The connection “{}” has no local cache yet: pull reports first.").format(
                    conn.name
                )
            )
        cache = Cache(gpkg)
        try:
            meta = session(cache).meta
            if meta is None:  # districts loaded from a file, never pulled
                raise QgsProcessingException(
                    tr("The connection “{}” has no local cache yet: pull reports first.").format(
                        conn.name
                    )
                )
            scope = resolve_scope(cache, text(self.UNIT), text(self.DISTRICT), since, until)
            data = gather(cache, meta, scope, author=text(self.AUTHOR), language=language())
        except KmzbError as exc:
            raise QgsProcessingException(exc.message) from exc
        finally:
            cache.close()
        feedback.setProgress(30)
        if feedback.isCanceled():
            return {}
        project = QgsProject()  # the briefing's own layers, never the user's project
        layout = build_layout(data, project, gpkg, meta)
        feedback.setProgress(60)
        try:
            written = export(layout, pdf, png)
        except OSError as exc:
            raise QgsProcessingException(str(exc)) from exc
        feedback.setProgress(100)
        collection = layout.pageCollection()
        pages = collection.pageCount() if collection is not None else 0
        for path in written:
            feedback.pushInfo(tr("Written: {}").format(path))
        return {
            self.PDF: str(pdf),
            self.PNG: str(png) if png else None,
            self.REPORTS: data.total,
            self.PAGES: pages,
        }
