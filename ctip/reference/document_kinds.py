"""The registry's document kinds as reports write them: Azerbaijani words (with or without
diacritics, inflected: "Qərarı") and the English keys extraction gives, to one kind code.

Stdlib and ctip.azlang only; the codes are records.models.Document.Kind's values.
"""

from __future__ import annotations

from ctip.azlang import search_key

KIND_WORDS = {
    # English keys (as extraction may give them) and Azerbaijani words, by search key.
    "decision": "decision",
    "qerar": "decision",
    "qərar": "decision",
    "resolution": "resolution",
    "instruction": "resolution",
    "derkenar": "resolution",
    "dərkənar": "resolution",
    "tapşırıq": "resolution",
    "tapsiriq": "resolution",
    "letter": "letter",
    "mektub": "letter",
    "məktub": "letter",
    "order": "order",
    "emr": "order",
    "əmr": "order",
    "serencam": "order",
    "sərəncam": "order",
    "decree": "decree",
    "ferman": "decree",
    "fərman": "decree",
    "agreement": "agreement",
    "saziş": "agreement",
    "sazis": "agreement",
    "müqavilə": "agreement",
    "muqavile": "agreement",
    "memorandum": "agreement",
    "protokol": "agreement",
    "protocol": "agreement",  # extraction's own kind for Protokol
    "law": "law",
    "qanun": "law",
}


def document_kind(value: object) -> str | None:
    """The registry kind for an extracted kind ('letter', 'məktub', 'Qərarı'…), or None."""
    if not value:
        return None
    key = search_key(str(value))
    if key in KIND_WORDS:
        return KIND_WORDS[key]
    for word, kind in KIND_WORDS.items():
        if key.startswith(search_key(word)):
            return kind
    return None
