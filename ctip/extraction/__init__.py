"""Reading legacy Azerbaijani anti-trafficking reports into sections and facts.

Pure Python (no Django). See FORMAT.md for the output format.
"""

from .core import FACT_TYPES, extract, extract_facts, extract_file
from .errors import ExtractionError
from .readers import read_any, read_docx, read_pdf, read_text

__all__ = [
    "FACT_TYPES",
    "ExtractionError",
    "extract",
    "extract_facts",
    "extract_file",
    "read_any",
    "read_docx",
    "read_pdf",
    "read_text",
]
