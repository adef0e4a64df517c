"""Evaluations: each area scores itself on the real data and writes eval/<area>.json."""
