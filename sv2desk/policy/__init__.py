"""The service's policy in code: roles and permissions, sign-in back-off, the case lifecycle.

Pure Python: no Qt, no SQL.
"""
