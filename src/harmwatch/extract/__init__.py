"""Extraction: one English report in, its incidents and facility events out.

``extract_report`` is the one entry point; the CLI's ``extract`` command and the
pipeline's ``process`` step both call it. It is stateless and needs no database.
"""

from harmwatch.extract.core import extract_report
from harmwatch.extract.numbers import find_counts
from harmwatch.language import detect_language

__all__ = ["detect_language", "extract_report", "find_counts"]
