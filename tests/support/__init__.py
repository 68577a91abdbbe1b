"""Helpers shared by the tests (fixtures, corpora, browser and store support)."""
