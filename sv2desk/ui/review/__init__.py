"""Managers: the queue, the review and decision, possible connections, reports."""
