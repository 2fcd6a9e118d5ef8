"""Translation helper: every user-visible string goes through tr().

pylupdate5 files free ``tr("...")`` calls under the ``@default`` context, so that is the
context we translate in; one context keeps the Polish .ts simple to review.
"""

from qgis.PyQt.QtCore import QCoreApplication


def tr(text: str) -> str:
    """Translate a user-visible string."""
    return QCoreApplication.translate("@default", text)
