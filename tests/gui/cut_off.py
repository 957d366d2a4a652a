"""Finding words a person cannot read in full: a label, button, tab or column heading
narrower (or, wrapped, shorter) than its text needs, in what a window shows now."""

from __future__ import annotations

from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractScrollArea,
                               QLabel, QTabBar, QWidget)


def _shown(widget: QWidget, window: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.width() > 0 and widget.height() > 0


def _inside_a_scroll_area(widget: QWidget, window: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QAbstractScrollArea) and not isinstance(parent,
                                                                      QAbstractItemView):
            return True
        parent = parent.parentWidget()
    return False


def cut_off(window: QWidget, slack: int = 2) -> list[str]:
    """What ``window`` shows now that is cut: each as "kind 'text' (needs N, has M)"."""
    found = []
    for widget in window.findChildren(QWidget):
        if not _shown(widget, window):
            continue
        if isinstance(widget, QLabel) and widget.text() and not widget.pixmap():
            hint = widget.sizeHint()
            if widget.wordWrap():
                needs = widget.heightForWidth(widget.width())
                if needs > widget.height() + slack:
                    found.append(f"label {widget.text()[:40]!r} (needs {needs} high, has "
                                 f"{widget.height()})")
            elif hint.width() > widget.width() + slack:
                found.append(f"label {widget.text()[:40]!r} (needs {hint.width()}, has "
                             f"{widget.width()})")
        elif isinstance(widget, QAbstractButton) and widget.text():
            if widget.sizeHint().width() > widget.width() + slack:
                found.append(f"button {widget.text()[:40]!r} (needs "
                             f"{widget.sizeHint().width()}, has {widget.width()})")
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                if not widget.isTabVisible(i):
                    continue
                needs, has = widget.tabSizeHint(i).width(), widget.tabRect(i).width()
                if has + slack < needs:
                    found.append(f"tab {widget.tabText(i)[:40]!r} (needs {needs}, has {has})")
        elif isinstance(widget, QAbstractItemView) and hasattr(widget, "horizontalHeader"):
            header = widget.horizontalHeader()
            if not header.isVisible():
                continue
            model = widget.model()
            for i in range(header.count()):
                if header.isSectionHidden(i):
                    continue
                needs = header.sectionSizeFromContents(i).width()
                if header.sectionSize(i) + slack < needs:
                    title = model.headerData(i, header.orientation()) if model else ""
                    found.append(f"column {str(title)[:40]!r} (needs {needs}, has "
                                 f"{header.sectionSize(i)})")
    return found
