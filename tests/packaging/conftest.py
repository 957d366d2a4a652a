"""Tests of SV2 Desk as installed: where it finds and keeps its files, start-up without a
screen or without Qt's libraries, and the packaging files in build/ agreeing with the code.
(The built programs themselves are tested by build/tests/, `make test-package`.) Fixtures
shared by these modules alone go here."""
