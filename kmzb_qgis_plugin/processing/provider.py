"""The ``kmzb`` Processing provider: every scriptable capability as an algorithm."""

from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..i18n import tr

ICON = Path(__file__).resolve().parent.parent / "resources" / "icon.svg"


class KmzbProvider(QgsProcessingProvider):
    def id(self) -> str:
        return "kmzb"

    def name(self) -> str:
        return tr("KMZB")

    def longName(self) -> str:
        return tr("KMZB — National Security Threat Map")

    def icon(self) -> QIcon:
        return QIcon(str(ICON))

    def loadAlgorithms(self) -> None:
        from .briefing import BriefingAlgorithm
        from .district_summary import DistrictSummaryAlgorithm
        from .pull_reports import PullReportsAlgorithm
        from .push_verifications import PushVerificationsAlgorithm

        for algorithm in (
            PullReportsAlgorithm(),
            PushVerificationsAlgorithm(),
            DistrictSummaryAlgorithm(),
            BriefingAlgorithm(),
        ):
            self.addAlgorithm(algorithm)
        from .analysis_algorithms import ANALYSIS_ALGORITHMS

        for analysis in ANALYSIS_ALGORITHMS:
            self.addAlgorithm(analysis())
