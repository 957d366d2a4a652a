"""A concern on a case: raising it, the worker's steps, and what is recorded."""
