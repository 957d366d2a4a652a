"""The signposting directory: finding services, and keeping entries right."""
