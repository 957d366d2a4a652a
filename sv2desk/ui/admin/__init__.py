"""Administration: staff accounts, settings, backups, records and my account."""
