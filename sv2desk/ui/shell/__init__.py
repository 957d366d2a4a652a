"""The front door and frame: set-up, sign-in, the main window, lock and hide."""
