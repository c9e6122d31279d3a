"""Numbers and what they count: `quantity`, `duration`, `age` and `count` facts.

`quantity` is a number in digits followed directly by the one noun it counts (people or
things, money too), the noun in its dictionary form (`362 şəxsin` -> şəxs, `4 uşağın` ->
uşaq, `1 284 vətəndaşımız` -> vətəndaş, `12 000 vərəqə` -> vərəqə). The noun is read from a
lexicon of counted nouns (`ctip.azlang.COUNTED_NOUNS`) first; an unknown noun from its
readings (`lemma_candidates`), preferring a stem the section itself uses in other forms and
refusing a genitive reading that nothing possesses (`5 836 sərnişin əlavə …` stays sərnişin).
`min`, `milyon` and `milyard` after the digits multiply them (`5 min avro` is 5000 avro), and a
currency named with its country (`100 ABŞ dolları`) is money with its `currency`.

What is not a counted thing gets its own type, so nothing is lost:

* `duration` (il, ay, həftə, gün, saat, dəqiqə; also `16 saatlıq`),
* `age` (`14 yaşınadək`, `16 yaşlı`),
* `count`: occurrences and kinds (hal, dəfə, növ, dil), approximations (`50 nəfərdən çox`,
  `100 nəfərə yaxın`, with `qualifier`) and counted phrases of two or more words
  (`68 tibb müəssisəsinə`, `6 beynəlxalq təşkilatın`, `4 sərhəd buraxılış məntəqəsi`).

Not facts at all: numbers inside dates or document numbers (spans passed in `taken`), codes
(`4.7.2`, `02/416`, `COVİD-19`), ordinals and suffixed numbers (`9-cu`, `141-i`), numbers in
quoted titles, phone numbers, and numbers followed by `nömrəli`/`tarixli`, a capitalised word
or a verb (`21 olmuşdur`).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from ctip.azlang import COUNTED_NOUNS, lemma, lemma_candidates

from .textutil import CASE_SUFFIXES, az_lower

# A number not inside a code, word or decimal: `(?<![\w./\-–])(\d{1,3}(?:[ .]\d{3})+|\d+)`,
# written to start with `\d` (its first digit consumed, the look-behind checked behind it) so
# the regex engine skips to digits instead of trying the look-behind at every character.
_NUM_RE = re.compile(r"(\d(?<![\w./\-–].)(?:\d{0,2}(?:[ .]\d{3})+|\d*))(?![\w./\-–]|,\d)")
_WORD_RE = re.compile(r"\s+([^\W\d_]+(?:-[^\W\d_]+)?)")
_MORE = re.compile(r"\s*(?:çox|artıq)\b")
_LESS = re.compile(r"\s*(?:az|azdır)\b")
_NEAR = re.compile(r"\s*(?:yaxın|qədər)\b")
_ABOUT_BEFORE = re.compile(r"(?:təxminən|təqribən|azı|ən azı|ümumilikdə təxminən)\s+$")

# Multi-word counted things known as such, by their az-lowercased beginning.
_PHRASES = [
    ("sərhəd buraxılış məntəqə", "sərhəd buraxılış məntəqəsi"),
    ("regional miqrasiya idarə", "regional miqrasiya idarəsi"),
]
_DURATION = ("il", "ay", "həftə", "gün", "saat", "dəqiqə")
_AGE = ("yaş",)
_KINDS = ("hal", "dəfə", "növ", "dil")
_MONEY = {"manat": "AZN", "dollar": "USD", "avro": "EUR", "rubl": "RUB", "lira": "TRY"}
# Number words after digits that multiply them: `5 min avro`, `2 milyon manat`, `12 min nəfər`.
_SCALES = {"min": 1_000, "milyon": 1_000_000, "milyard": 1_000_000_000}
_NOT_UNITS = {"ilk", "nömrəli", "tarixli", "tarixdə", "tarixində", "tarixlərində", "tarixlərdə"}
_MONTHS = "yanvar fevral mart aprel may iyun iyul avqust sentyabr oktyabr noyabr dekabr".split()
_ALTERNATION = {"k": "y", "q": "ğ"}
_DERIVED = ("lıq", "lik", "luq", "lük", "lı", "li", "lu", "lü")
_POSSESSIVE_RE = re.compile(
    r"(?:l[aə]r)?(?:s[ıiuü]|[ıiuü])(?:n(?:[ıiuü]n|[aə]|d[aə]n?|[ıiuü]|d[aə]k[ıi]))?"
)
_PAST_RE = re.compile(r"d[ıiuü]$|m[ıiuü]ş|[ıiuü]b$")
# An adjective by its suffix (`ictimai`, `hüquqi`, `fərdi`, `yaşlı`, `evsiz`, `regional`), not a
# listed noun, before a bare noun: the number counts the phrase they make.
_ADJECTIVE_RE = re.compile(r"(?:[ıi]|l[ıiuü]|s[ıiuü]z|[aə]l)$")
_FUNCTION_WORDS = frozenset(
    "ilə və üçün üzrə isə də da kimi qədər haqqında barədə dair var yox olan artıq çox az".split()
)
# A verb after a number (`bu göstərici 21 olmuşdur`): the number counts nothing.
_VERB_RE = re.compile(
    r"m[ıiuü]ş(?:d[ıiuü]r|d[ıiuü]|l[aə]r)?$|^(?:ol|ed|et)(?:ub|ur|du|ar|acaq|əcək|ib|ir|di)$"
    r"|^i(?:di|miş|dilər)$"
)
_QUOTE_CHARS_RE = re.compile(r"[“”\n]")


def _quoted_regions(text: str) -> list[tuple[int, int]]:
    if "“" not in text:  # nothing opens a quote (a substring test, far cheaper than the scan)
        return []
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
    """A plural/possessive/case ending chain such as `lərin`, `ı`, `sının`, `də`, `ımız`."""
    if rest in CASE_SUFFIXES:
        return True
    if rest[:3] in ("lar", "lər") and (rest[3:] in CASE_SUFFIXES or _is_ending(rest[3:])):
        return True
    for poss in ("ımız", "imiz", "umuz", "ümüz", "mız", "miz", "sı", "si", "su", "sü"):
        if rest.startswith(poss) and rest[len(poss) :] in CASE_SUFFIXES:
            return True
    for poss in ("ı", "i", "u", "ü"):
        if rest.startswith(poss) and rest[len(poss) :] in CASE_SUFFIXES:
            return True
    return False


def _stem_of(word_low: str, stem: str) -> bool:
    """`word_low` is `stem` with an ending, the final k/q of the stem softened before a vowel."""
    if word_low.startswith(stem) and _is_ending(word_low[len(stem) :]):
        return True
    soft = _ALTERNATION.get(stem[-1:])
    if soft and word_low.startswith(stem[:-1] + soft):
        rest = word_low[len(stem) :]
        return bool(rest) and rest[0] in "aəıiuü" and _is_ending(rest)
    return False


@lru_cache(maxsize=8192)
def known_unit(word_low: str, units: tuple[str, ...] | None = None) -> str | None:
    """The listed noun `word_low` is a form of (longest first), or None."""
    if word_low in COUNTED_NOUNS:
        return word_low
    for n in range(len(word_low) - 1, 1, -1):
        stem = word_low[:n]
        for cand in (stem, stem[:-1] + "k", stem[:-1] + "q"):
            if cand in COUNTED_NOUNS and _stem_of(word_low, cand):
                return cand
    return None


@lru_cache(maxsize=4096)
def _class_of(word_low: str) -> tuple[str, str] | None:
    """(fact type, unit) for time, age and kind words (`20 il`, `14 yaşınadək`, `3 halda`)."""
    for kind, stems in (("duration", _DURATION), ("age", _AGE), ("count", _KINDS)):
        for stem in stems:
            if word_low == stem or _stem_of(word_low, stem):
                return kind, stem
            for der in _DERIVED:
                if word_low.startswith(stem + der) and _is_ending(word_low[len(stem + der) :]):
                    return kind, stem
            if kind == "age" and word_low.startswith(stem) and word_low.endswith(("dək", "dak")):
                return kind, stem
    return None


def _possessed(word_low: str) -> bool:
    """A noun with the 3rd-person possessive (the head of `tibb müəssisəsi`), not a verb."""
    if _PAST_RE.search(word_low):
        return False
    return any(_POSSESSIVE_RE.fullmatch(word_low, k) for k in range(len(word_low) - 1, 1, -1))


def _support(text_low: str) -> Counter:
    """How many distinct words of the section read as each stem."""
    counts: Counter = Counter()
    for w in set(re.findall(r"[^\W\d_]+", text_low)):
        counts.update(set(lemma_candidates(w)))
    return counts


_GENITIVES = ("ın", "in", "un", "ün", "nın", "nin", "nun", "nün")


def _guess_unit(word_low: str, next_low: str | None, support: Counter) -> str:
    """The dictionary form of an unlisted noun: see the module docstring."""
    cands = lemma_candidates(word_low)
    if not (next_low and _possessed(next_low)):
        cands = [c for c in cands if word_low[len(c) :] not in _GENITIVES] or cands
    top = max(support[c] for c in cands)
    best = [c for c in cands if support[c] == top]
    default = lemma(word_low)
    return default if default in best else best[-1]


def _words_after(text: str, low: str, end: int, n: int) -> list[tuple[str, int, int]]:
    """The next n words after `end` as (lowercased word, start, end), stopping at punctuation."""
    out: list[tuple[str, int, int]] = []
    while len(out) < n:
        m = _WORD_RE.match(text, end)
        if m is None:
            break
        out.append((low[m.start(1) : m.end(1)], m.start(1), m.end(1)))
        end = m.end(1)
    return out


def _fact(text: str, kind: str, s: int, e: int, value: int, unit: str, **extra: Any) -> dict:
    return {"type": kind, "text": text[s:e], "span": [s, e], "value": value, "unit": unit, **extra}


_LETTERS_RE = re.compile(r"[^\W\d_]*")


def _phrase(low: str, start: int, text: str) -> tuple[str, int] | None:
    for prefix, form in _PHRASES:
        if low.startswith(prefix, start):
            rest = _LETTERS_RE.match(text, start + len(prefix))
            assert rest is not None  # matches the empty string too
            return form, rest.end()
    return None


_CASE_AFTER_POSSESSIVE_RE = re.compile(r"n(?:[ıiuü]n|[aə]|d[aə]n?|[ıiuü])$")
_POSSESSIVE_END_RE = re.compile(r"(?:l[aə]r)?s?[ıiuü]$")


def _izafet_form(word_low: str) -> str:
    """The head of a compound in the nominative, its possessive kept (`müəssisəsinə` ->
    `müəssisəsi`, `əməliyyatının` -> `əməliyyatı`; `günü` stays)."""
    m = _CASE_AFTER_POSSESSIVE_RE.search(word_low)
    if m:
        rest = word_low[: m.start()]
        p = _POSSESSIVE_END_RE.search(rest)
        stem = rest[: p.start()] if p else ""
        if p and len(stem) >= 2 and any(c in "aəıioöuüe" for c in stem):
            return rest
    return word_low


def _bare(word_low: str) -> bool:
    unit = known_unit(word_low)
    return unit == word_low or (unit is None and lemma(word_low) == word_low)


def _compound(ctx: _Context, words: list[tuple[str, int, int]]) -> tuple[str, int] | None:
    """A counted phrase: bare words up to a possessed head (`tibb müəssisəsi`, `cinayət işi`),
    or an unlisted modifier before a listed noun (`beynəlxalq təşkilat`)."""
    first = words[0][0]
    listed = known_unit(first) is not None
    if not listed and len(words) > 1 and _ADJECTIVE_RE.search(first):
        word, start, end = words[1]
        if _bare(word) and not ctx.text[start].isupper() and word not in _FUNCTION_WORDS:
            if not _VERB_RE.search(word):
                return f"{first} {word}", end  # `2 ictimai birlik`, `214 fərdi söhbət`
    if not _bare(first):
        return None
    for i in range(1, len(words)):
        word, start, end = words[i]
        if ctx.text[start].isupper() or word in _FUNCTION_WORDS:
            return None
        head_known = known_unit(word) is not None or _class_of(word) is not None
        if _possessed(word) and (head_known or not listed):
            return " ".join([w for w, _s, _e in words[:i]] + [_izafet_form(word)]), end
        if not listed and (unit := known_unit(word)):
            return " ".join([w for w, _s, _e in words[:i]] + [unit]), end
        if listed or not _bare(word):
            return None
    return None


def _counted(ctx: _Context, words: list[tuple[str, int, int]]) -> tuple[str, str, int]:
    """(fact type, unit, end) for the words after a number (the first one is the noun)."""
    first, _s, end = words[0]
    phrase = _phrase(ctx.low, words[0][1], ctx.text)
    if phrase:
        return "count", phrase[0], phrase[1]
    classed = _class_of(first)
    if classed:
        return classed[0], classed[1], end
    compound = _compound(ctx, words)
    if compound:
        return "count", compound[0], compound[1]
    unit = known_unit(first)
    if unit is None:
        unit = _guess_unit(first, words[1][0] if len(words) > 1 else None, ctx.support)
    return "quantity", unit, end


class _Context:
    """One section's text, lowercased once, with the stems its words support (lazily)."""

    def __init__(self, text: str):
        self.text = text
        self.low = az_lower(text)
        self._support: Counter | None = None

    @property
    def support(self) -> Counter:
        if self._support is None:
            self._support = _support(self.low)
        return self._support


def _skip(
    ctx: _Context, s: int, e: int, taken: list[tuple[int, int]], quoted: list[tuple[int, int]]
) -> bool:
    return any(a < e and s < b for a, b in taken) or any(a < s < b for a, b in quoted)


def _qualify(ctx: _Context, fact: dict, s: int, word_low: str) -> dict:
    """Approximations become `count` facts with a qualifier (span includes `çox`)."""
    e = fact["span"][1]
    text = ctx.text
    qualifier, end = None, e
    ablative = word_low.endswith(("dan", "dən"))
    if ablative and (m := _MORE.match(text, e)):
        qualifier, end = "more_than", m.end()
    elif ablative and (m := _LESS.match(text, e)):
        qualifier, end = "less_than", m.end()
    elif word_low.endswith(("a", "ə")) and (m := _NEAR.match(text, e)):
        qualifier, end = ("about" if "yaxın" in m.group() else "up_to"), m.end()
    elif _ABOUT_BEFORE.search(ctx.low[max(0, s - 25) : s]):
        qualifier = "about"
    if qualifier is None:
        return fact
    fact.update(type="count", qualifier=qualifier, span=[s, end], text=text[s:end])
    return fact


def _money_of_a_country(ctx: _Context, s: int, value: int, words) -> dict | None:
    """A currency named with its country, `100 ABŞ dolları`, `50 Rusiya rublu`: money."""
    if len(words) < 2 or not ctx.text[words[0][1]].isupper():
        return None
    unit = known_unit(words[1][0])
    if unit not in _MONEY:
        return None
    return _fact(ctx.text, "quantity", s, words[1][2], value, unit, currency=_MONEY[unit])


def _one(ctx: _Context, m: re.Match) -> dict | None:
    s, e = m.span()
    value = int(re.sub(r"[ .]", "", m.group(1)))
    words = _words_after(ctx.text, ctx.low, e, 4)
    if words and words[0][0] in _SCALES:
        value *= _SCALES[words[0][0]]
        words = words[1:]
    words = words[:3]
    if not words:
        return None
    if ctx.text[words[0][1]].isupper():
        return _money_of_a_country(ctx, s, value, words)
    first = words[0][0]
    if first in _NOT_UNITS or first.startswith(tuple(_MONTHS)) or first.startswith("telefon"):
        return None
    if _VERB_RE.search(first) and known_unit(first) is None:
        return None
    kind, unit, end = _counted(ctx, words)
    fact = _fact(ctx.text, kind, s, end, value, unit)
    if unit in _MONEY:
        fact["currency"] = _MONEY[unit]
    return _qualify(ctx, fact, s, first) if kind == "quantity" else fact


def find_quantities(
    text: str, taken: list[tuple[int, int]], lemma_fn: Callable[[str], str] | None = None
) -> list[dict]:
    """Quantity, duration, age and count facts of one section (see the module docstring)."""
    ctx = _Context(text)
    quoted = _quoted_regions(text)
    facts = []
    for m in _NUM_RE.finditer(text):
        if _skip(ctx, m.start(), m.end(), taken, quoted):
            continue
        fact = _one(ctx, m)
        if fact is not None:
            facts.append(fact)
    return facts
