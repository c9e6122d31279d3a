"""`quantity` facts: a cardinal number and the noun it counts (`362 şəxsin` -> 362 şəxs).

Not quantities: numbers inside dates or document numbers (spans passed in `taken`), codes
(`4.7.2`, `02/416`, `COVİD-19`), ordinals (`9-cu`, `13-cü`), numbers inside quoted titles
(`“Miqrasiya Məktəbi - 4”`, `“10 ilə vətəndaşsızlığa son”`), phone numbers (`919 telefon
nömrəsi`), and numbers followed by `nömrəli`/`tarixli` or by a capitalised word.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .textutil import CASE_SUFFIXES, az_lower

# A number not inside a code, word or decimal: `(?<![\w./\-–])(\d{1,3}(?:[ .]\d{3})+|\d+)`,
# written to start with `\d` (its first digit consumed, the look-behind checked behind it) so
# the regex engine skips to digits instead of trying the look-behind at every character.
_NUM_RE = re.compile(r"(\d(?<![\w./\-–].)(?:\d{0,2}(?:[ .]\d{3})+|\d*))(?![\w./\-–]|,\d)")
_WORD_RE = re.compile(r"\s+([^\W\d_]+(?:-[^\W\d_]+)?)")
_MORE = re.compile(r"\s*(?:çox|artıq)\b")
_LESS = re.compile(r"\s*(?:az|azdır)\b")

# Multi-word counted things, by their az-lowercased beginning -> dictionary form.
_PHRASES = [
    ("sərhəd buraxılış məntəqə", "sərhəd buraxılış məntəqəsi"),
    ("regional miqrasiya idarə", "regional miqrasiya idarəsi"),
]
# Known counted nouns (dictionary form). Longest first so `nəfər` wins over `nəf`.
_UNITS = sorted(
    """şəxs nəfər işçi məktub əməkdaş tövsiyə miqrant ölkə hal il ay gün həftə saat dil növ
    uşaq qadın kişi qurban təlim tədbir sessiya layihə müraciət cinayət iş əcnəbi vətəndaş
    qrup görüş seminar konfrans sorğu broşür buklet kitabça vəsait material dövlət təşkilat
    qurum komissiya bənd yarımbənd maddə hesabat faiz manat dollar avro səfər nümayəndə
    iştirakçı dinləyici təlimçi ekspert mütəxəssis polis zabit məntəqə idarə şöbə mərkəz
    region rayon şəhər kənd ailə fərd insan sənəd pasport viza icazə qərar əmr saziş
    protokol müqavilə proqram kurs modul dərs video çarx film reklam elan məqalə""".split(),
    key=len,
    reverse=True,
)
_NOT_UNITS = {"ilk", "nömrəli", "tarixli", "tarixdə", "tarixində", "tarixlərində", "tarixlərdə"}
_MONTHS = (
    "yanvar",
    "fevral",
    "mart",
    "aprel",
    "may",
    "iyun",
    "iyul",
    "avqust",
    "sentyabr",
    "oktyabr",
    "noyabr",
    "dekabr",
)


_QUOTE_CHARS_RE = re.compile(r"[“”\n]")


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    regions, stack = [], []
    for qm in _QUOTE_CHARS_RE.finditer(text):
        i, ch = qm.start(), qm.group()
        if ch == "“":
            stack.append(i)
        elif ch == "”" and stack:
            start = stack.pop()
            if not stack:
                regions.append((start, i + 1))
        elif ch == "\n":
            stack.clear()
    return regions


def _is_ending(rest: str) -> bool:
    """A plural/possessive/case ending chain such as `lərin`, `ı`, `sının`, `də`."""
    if rest in CASE_SUFFIXES:
        return True
    if rest[:3] in ("lar", "lər") and (rest[3:] in CASE_SUFFIXES or _is_ending(rest[3:])):
        return True
    for poss in ("sı", "si", "su", "sü", "ı", "i", "u", "ü"):
        if rest.startswith(poss) and rest[len(poss) :] in CASE_SUFFIXES:
            return True
    return False


@lru_cache(maxsize=4096)
def _unit(word_low: str) -> str | None:
    for u in _UNITS:
        if word_low.startswith(u) and _is_ending(word_low[len(u) :]):
            return u
    return None


def find_quantities(text: str, taken: list[tuple[int, int]], lemma=None) -> list[dict]:
    low = az_lower(text)
    quoted = _quoted_regions(text)
    facts = []
    for m in _NUM_RE.finditer(text):
        s, e = m.span()
        if any(a < e and s < b for a, b in taken) or any(a < s < b for a, b in quoted):
            continue
        w = _WORD_RE.match(text, e)
        if not w or w.group(1)[:1].isupper():
            continue
        word_low = low[w.start(1) : w.end(1)]
        if word_low in _NOT_UNITS or word_low.startswith(_MONTHS) or word_low.startswith("telefon"):
            continue
        unit, end = None, w.end(1)
        for prefix, form in _PHRASES:
            if low.startswith(prefix, w.start(1)):
                unit = form
                end = re.compile(r"[^\W\d_]*").match(text, w.start(1) + len(prefix)).end()
                break
        if unit is None:
            unit = _unit(word_low)
        if unit is None and lemma is not None:
            unit = lemma(word_low)
        if unit is None:
            unit = word_low
        value = int(re.sub(r"[ .]", "", m.group(1)))
        fact = {
            "type": "quantity",
            "text": text[s:end],
            "span": [s, end],
            "value": value,
            "unit": unit,
        }
        q = _MORE.match(text, end)
        if word_low.endswith(("dan", "dən")) and q:
            fact["qualifier"] = "more_than"
            fact["span"][1] = q.end()
            fact["text"] = text[s : q.end()]
        elif word_low.endswith(("dan", "dən")) and _LESS.match(text, end):
            fact["qualifier"] = "less_than"
        facts.append(fact)
    return facts
