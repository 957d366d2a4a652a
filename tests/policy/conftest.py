"""Tests of the policy in code (sv2desk/policy/) and of the matching under the connection check
(sv2desk/matching/): plain Python, no workspace, no Qt. The labelled pairs the matching is
measured on are in tests/data/. Fixtures shared by these modules alone go here."""
