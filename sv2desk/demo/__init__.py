"""Demonstration data (``sv2desk-admin demo``): made-up clients for trying SV2 Desk out,
training, screenshots and the benchmarks.

people.py: the made-up people; fill.py: clients made through the services, case by case;
bulk.py: many more, copied from those at the database level.
"""

from .fill import DATA_VERSION, PROGRESS_EVERY, WORKERS_WANTED, DemoReport, fill
from .people import INWARD_LETTERS, People

__all__ = ["DATA_VERSION", "PROGRESS_EVERY", "WORKERS_WANTED", "DemoReport", "fill",
           "INWARD_LETTERS", "People"]
