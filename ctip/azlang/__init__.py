"""Azerbaijani language core: casing, search keys, numerals, dates and light lemmatisation.

Pure Python (standard library only); nothing here imports Django.
"""

from .casing import lower, search_key, title, upper
from .dates import (
    MONTHS,
    MONTHS_GENITIVE,
    DateMatch,
    find_dates,
    format_date,
    format_range,
    month_number,
)
from .lemma import EXCEPTIONS, lemma, lemma_candidates, stem_key
from .lexicon import CORE_WORDS, COUNTED_NOUNS
from .numerals import (
    ablative_suffix,
    accusative_suffix,
    dative_suffix,
    format_code,
    format_ordinal,
    genitive_suffix,
    locative_suffix,
    number_words,
    ordinal_suffix,
)
from .search import search_tokens

__all__ = [
    "COUNTED_NOUNS",
    "CORE_WORDS",
    "EXCEPTIONS",
    "MONTHS",
    "MONTHS_GENITIVE",
    "DateMatch",
    "ablative_suffix",
    "accusative_suffix",
    "dative_suffix",
    "find_dates",
    "format_code",
    "format_date",
    "format_ordinal",
    "format_range",
    "genitive_suffix",
    "lemma",
    "lemma_candidates",
    "locative_suffix",
    "lower",
    "month_number",
    "number_words",
    "ordinal_suffix",
    "search_key",
    "search_tokens",
    "stem_key",
    "title",
    "upper",
]
