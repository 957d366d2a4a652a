"""Small layout helpers: widgets side by side, label columns lined up, a scroll area."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QScrollArea, QWidget


def row(*widgets, stretch: bool = True) -> QWidget:
    """Widgets side by side, packed to the left."""
    holder = QWidget()
    layout = QHBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    if stretch:
        layout.addStretch()
    return holder


def same_label_widths(forms) -> None:
    """Line up the labels of several form layouts (one column, however many boxes)."""
    labels = []
    for form in forms:
        for n in range(form.rowCount()):
            item = form.itemAt(n, QFormLayout.ItemRole.LabelRole)
            if item is not None and item.widget() is not None:
                labels.append(item.widget())
    width = max((label.sizeHint().width() for label in labels), default=0)
    for label in labels:
        label.setMinimumWidth(width)


def scrolling(widget: QWidget, name: str = "") -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    if name:
        area.setAccessibleName(name)
    return area
