"""Storage: the encrypted database, key slots, device binding, migrations."""
