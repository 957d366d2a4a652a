"""Tabs whose panels are built the first time they are shown (or first asked for), so that
a screen with many tabs lays out only the one in front: building every tab at once held
the screen still for a tenth of a second or more (the stall probe, benchmarks/stalls.py).

    class AdminPage(LazyTabs, QWidget):
        backups = TabBuiltWhenShown(2, QT_TR_NOOP("&Backups"), BackupsPanel)

``self.backups`` builds the panel if it is not built yet; the screen calls
``self.add_tab_places()`` once its QTabWidget (``self.tabs``) holds the tabs built at once.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from .text import tr


class TabBuiltWhenShown:
    """One tab: its place (index), title, and what builds its panel (given the session)."""

    def __init__(self, index: int, title: str, make):
        self.index, self.title, self.make = index, title, make

    def __set_name__(self, owner, name: str) -> None:
        self.name = name

    def __get__(self, screen, owner=None):
        if screen is None:
            return self
        built = screen.__dict__.get(self.name)
        return built if built is not None else screen._build_tab(self)


class LazyTabs:
    """For a screen with ``self.tabs`` (a QTabWidget) and ``self._session``."""

    @classmethod
    def lazy_tabs(cls) -> list[TabBuiltWhenShown]:
        found = {}
        for klass in reversed(cls.__mro__):
            found.update({k: v for k, v in vars(klass).items()
                          if isinstance(v, TabBuiltWhenShown)})
        return sorted(found.values(), key=lambda tab: tab.index)

    def add_tab_places(self) -> None:
        """A place for each tab not built yet; each is built when first shown."""
        for tab in self.lazy_tabs():
            self.tabs.insertTab(tab.index, QWidget(), tr(tab.title))
        self.tabs.currentChanged.connect(self._tab_shown)

    def is_built(self, name: str) -> bool:
        return name in self.__dict__

    def built_tabs(self) -> list[QWidget]:
        """The tabs' panels built so far."""
        return [self.__dict__[tab.name] for tab in self.lazy_tabs()
                if tab.name in self.__dict__]

    def _tab_shown(self, index: int) -> None:
        for tab in self.lazy_tabs():
            if tab.index == index and tab.name not in self.__dict__:
                self._build_tab(tab)

    def _build_tab(self, tab: TabBuiltWhenShown) -> QWidget:
        panel = tab.make(self._session)
        self.__dict__[tab.name] = panel
        placeholder = self.tabs.widget(tab.index)
        visible, current = self.tabs.isTabVisible(tab.index), self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(tab.index)
        self.tabs.insertTab(tab.index, panel, tr(tab.title))
        self.tabs.setTabVisible(tab.index, visible)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        self.tab_built(tab.name, panel)
        return panel

    def tab_built(self, name: str, panel: QWidget) -> None:
        """A tab's panel was just built (connect its signals, show what it should show)."""
