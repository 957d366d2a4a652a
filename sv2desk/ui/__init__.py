"""The Qt desktop application. Talks only to services."""
