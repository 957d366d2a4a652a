"""Tests of SV2 Desk as installed: where it finds and keeps its files, start-up without a
screen or without Qt's libraries, the packaging files in build/ agreeing with the code, and
the code's import graph keeping to the layers (no cycles; ui/ never reaching models/ or
store/; policy/ importing only itself).
(The built programs themselves are tested by build/tests/, `make test-package`.) Fixtures
shared by these modules alone go here."""
