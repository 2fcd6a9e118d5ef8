"""After each pull (the user's or the background sync's): one message-bar note with the
count of new reports in the officer's districts or unit and of deadlines within 12 h, a
*Show* button that selects and zooms to them, and a count on the Verify tab."""

from __future__ import annotations

import html

from qgis.core import Qgis
from qgis.PyQt.QtCore import QObject, pyqtSignal
from qgis.PyQt.QtWidgets import QPushButton

from ..core.notifications import SOON_H, News, take_news
from ..i18n import tr


class Notifier(QObject):
    badge_changed = pyqtSignal(int)  # reports told of and not looked at yet
    noticed = pyqtSignal(list)  # the ids just told of

    def __init__(self, controller) -> None:
        super().__init__(controller)
        self.controller = controller
        self.badge = 0
        self.show_button: QPushButton | None = None  # the last note's (for tests)
        controller.pull_finished.connect(self._pulled)

    def stop(self) -> None:
        self.controller.pull_finished.disconnect(self._pulled)

    def _pulled(self, result, error) -> None:
        meta = self.controller.meta()
        if error is not None or result is None or meta is None:
            return
        me = self.controller.me()
        news = self.controller.with_cache(lambda c: take_news(c, meta, me, result.full))
        if not news:
            return
        self.badge += len(news.ids)
        self.badge_changed.emit(self.badge)
        self._note(news, me.get("role"))
        self.noticed.emit(news.ids)

    def _note(self, news: News, role: str | None) -> None:
        parts = []
        if news.new:
            where = tr("in your districts") if role == "dzielnicowy" else tr("in your unit")
            parts.append(tr("New reports {}: {}").format(where, len(news.new)))
        if news.due_soon:
            parts.append(
                tr("A deadline within {} h: {} reports").format(SOON_H, len(news.due_soon))
            )
        bar = self.controller.iface.messageBar()
        widget = bar.createMessage("KMZB", html.escape(" · ".join(parts), quote=False))
        self.show_button = QPushButton(tr("Show"))
        ids = news.ids
        self.show_button.clicked.connect(lambda: self.show(ids))
        widget.layout().addWidget(self.show_button)
        bar.pushWidget(widget, Qgis.MessageLevel.Info, 0)

    def show(self, report_ids: list[int]) -> None:
        """Select and zoom to the reports told of; the badge is cleared."""
        self.controller.show_reports(report_ids)
        self.clear()

    def clear(self) -> None:
        if self.badge:
            self.badge = 0
            self.badge_changed.emit(0)
