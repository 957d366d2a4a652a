"""Pieces every area shares: operations, messages, fields, tables and previews."""
