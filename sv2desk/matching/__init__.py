"""Matching people for the connection check: names normalised, fuzzy and phonetic
similarity, UK name variants, and dates of birth, ages, phones and postcodes. Pure
Python (no Qt, no SQL). SCORING.md explains the score."""
