"""`country` facts: ISO 3166 countries from ctip/reference/countries.json.

A foreign country inside an organisation's name is reported (`ABŞ Dövlət Departamenti` ->
US: the body belongs to that country); Azerbaijan inside a national body's name
("Azərbaycan Respublikası Daxili İşlər Nazirliyi") is not. A name used for a language
("Azərbaycan, ingilis və rus dillərində") is not reported either. Regions (Avropa, Afrika,
"Amerika ölkələri") are not countries. `… Respublikası`, `… İslam Respublikası`,
`… Federasiyası` belong to the span.
"""

from __future__ import annotations

from ctip.reference import country_by_code

from .gazetteer import Match
from .names import name_matches
from .textutil import WORD_RE, Token, az_lower_word

_STATE_ADJ = {
    "islam",
    "xalq",
    "demokratik",
    "federativ",
    "sosialist",
    "ərəb",
    "kooperativ",
    "bolivar",
    "birləşmiş",
    "müstəqil",
    "şərqi",
}
_STATE_NOUN = ("respublika", "federasiya", "krallığ", "krallıq", "əmirlik", "ştatlar")


_DIL_ENDINGS = frozenset(
    "|i|in|ini|ində|inə|də|ə|lər|ləri|lərin|lərini|lərində|lərdə|lərə|lərinə".split("|")
)


def _is_language(tokens: list[Token], j: int) -> bool:
    """Tokens from j on look like '[, lowercase adjectives və] dillərində'."""
    for tok in tokens[j : j + 8]:
        if tok.low.startswith("dil") and tok.low[3:] in _DIL_ENDINGS:  # not `Dilnoza`
            return True
        if tok.is_capitalized and not tok.low.startswith("azərbaycan"):
            return False
        if tok.low != "və" and not tok.text.isalpha():
            return False
    return False


def _next_tokens(text: str, pos: int, n: int) -> list[Token]:
    out: list[Token] = []
    search = WORD_RE.search
    while len(out) < n:
        m = search(text, pos)
        if m is None:
            break
        out.append(Token(m.group(), az_lower_word(m.group()), m.start(), m.end()))
        pos = m.end()
    return out


def country_matches(text: str) -> tuple[Match, ...]:
    """The gazetteer's country matches in `text` (shared with the organisations' scan)."""
    return name_matches(text)[1]


def _state_words(text: str, end: int, after: list[Token]) -> int | None:
    """End of `… [İslam] Respublikası(nın)` right after a name (`Pakistan İslam Respublikası`),
    or None."""
    k = 0
    while k < len(after) and after[k].low in _STATE_ADJ and k < 3:
        k += 1
    if k >= len(after) or not (after[k].low.startswith(_STATE_NOUN) and after[k].is_capitalized):
        return None
    gaps = (text[(after[x - 1].end if x else end) : after[x].start] for x in range(k + 1))
    return after[k].end if all(g.isspace() for g in gaps) else None


def _inside(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """The span overlaps one of `taken`."""
    return any(start < e and s < end for s, e in taken)


def find_countries(text: str, taken: list[tuple[int, int]]) -> list[dict]:
    """Country facts; Azerbaijan is skipped inside `taken` (organisation spans)."""
    by = country_by_code()
    facts = []
    for m in country_matches(text):
        if not text[m.start].isupper() or m.key == "AZ" and _inside(m.start, m.end, taken):
            continue  # the home country inside a national body's name (checked again below)
        start, end = m.start, m.end
        after = _next_tokens(text, end, 4)
        state_end = _state_words(text, end, after)
        if state_end is not None:
            end = state_end
            after = [t for t in after if t.start >= end]
        if m.key == "AZ" and _inside(start, end, taken):
            continue  # with the state words: `Azərbaycan Respublikası Daxili İşlər Nazirliyi`
        if state_end is None and after and not after[0].is_capitalized:
            after = after + _next_tokens(text, after[-1].end, 5)
        if state_end is None and _is_language(after, 0):
            continue
        c = by[m.key]
        facts.append(
            {
                "type": "country",
                "text": text[start:end],
                "span": [start, end],
                "code": c["code"],
                "name": c["name_az"],
                "citizenship": bool(after) and after[0].low.startswith("vətəndaş"),
            }
        )
    return facts
