"""`person` facts: names of people (always `pii: true`).

Cues, in order of strength:
1. a patronymic: `Surname Name Father oğlu/qızı` (any case ending on oğlu/qızı);
2. a citizenship or title word followed by capitalised words (`vətəndaşı Ravi Kumarın`,
   `vətəndaşları Muhammad Amjad, Hussain Abid və Ramzan Muhammadın`, `müşaviri Rüfət
   İbrahimov`), a list being split at commas and `və`;
3. two capitalised words one of which has a surname ending (-ov, -ova, -yev, -yeva, -zadə…)
   or is a known first name;
4. a self-given name: `özünü Abid kimi təqdim edən` (reported with `alias: true`).
Words inside organisation or country spans are never part of a name.
"""

from __future__ import annotations

import re

from .gazetteer import trie_regex
from .textutil import Token, az_lower_word

_SURNAME_RE = re.compile(r"(?:ov|ova|yev|yeva|ev|eva|zadə|zade|bəyli|lı|li|lu|lü)$")
_STRONG_SURNAME_RE = re.compile(r"(?:ov|ova|yev|yeva|ev|eva|zadə|zade)$")
_SURNAME_HINT_RE = re.compile(r"ov|ev|zad")
_PATRONYMIC = ("oğlu", "qızı")
_CUES = {
    "vətəndaşı",
    "vətəndaşları",
    "vətəndaşlar",
    "müşaviri",
    "rəisi",
    "sədri",
    "müavini",
    "naziri",
    "direktoru",
    "rəhbəri",
    "koordinatoru",
    "əməkdaşı",
    "mütəxəssisi",
    "nümayəndəsi",
    "cənab",
    "xanım",
    "hakimi",
    "prokuroru",
    "müstəntiqi",
    "inspektoru",
}
_FIRST_NAMES = {
    # A small list of frequent first names; enough to support rule 3 together with surnames.
    "əli",
    "məmməd",
    "elçin",
    "rauf",
    "rüfət",
    "əbülfəz",
    "tofiq",
    "vüqar",
    "elnur",
    "anar",
    "aydın",
    "orxan",
    "rəşad",
    "kamran",
    "fuad",
    "nicat",
    "tural",
    "ramil",
    "səbinə",
    "aygün",
    "günel",
    "leyla",
    "nərmin",
    "sevinc",
    "aynur",
    "könül",
    "ülviyyə",
    "vüsal",
    "ilham",
    "mehriban",
    "zaur",
    "samir",
    "ruslan",
    "elşən",
    "elvin",
    "fərid",
    "fariz",
    "natiq",
    "muhammad",
    "mohammad",
    "ravi",
    "hussain",
    "abid",
    "ramzan",
    "amjad",
    "batyr",
    "ahmed",
    "ahmad",
    "ali",
    "hassan",
    "hasan",
    "ivan",
    "olga",
    "anna",
    "maria",
    "john",
}
_CASE_RE = re.compile(r"(?:n[ıiuü]n|[ıiuü]n|y[aə]|n[aə]|[aə]|d[aə]n|d[aə]|n[ıiuü]|[ıiuü]|l[aə])$")
_BACK = set("aıou")
_FRONT = set("əeiöü")


def _strip_case(word: str) -> str:
    """`Kumarın` -> `Kumar`, `Rejepovun` -> `Rejepov`; `Hussain`, `Amjad` stay."""
    low = word.lower()
    if low in _FIRST_NAMES:
        return word
    m = _CASE_RE.search(low)
    if not m or m.start() < 3:
        return word
    stem, suffix = low[: m.start()], low[m.start() :]
    vowels = [c for c in stem if c in _BACK | _FRONT]
    if not vowels:
        return word
    sv = next((c for c in suffix if c in "aəıiuü"), "")
    # Vowel harmony: a back stem takes a/ı/u, a front one ə/i/ü.
    if (vowels[-1] in _BACK) != (sv in "aıu"):
        return word
    # A vowel-initial ending needs a consonant-final stem and vice versa.
    if (stem[-1] in "aəıioöuüe") == (suffix[0] in "aəıiuü"):
        return word
    return word[: m.start()]


def _name_word(tok: Token) -> bool:
    t = tok.text
    return t[:1].isupper() and t.isalpha() and not t.isupper() and len(t) >= 2


_KEEP = _CUES | {"və", "özünü", "kimi"}
# Whole words (as textutil.WORD_RE reads them) that start with a capital letter, or are a
# kept word, or start with oğlu/qızı: a C-speed prefilter, checked again in Python.
_PERSON_WORD_RE = re.compile(
    r"(?<![\w'’-])(?:[A-ZÀ-ÖØ-ÞĀ-ſƏ]|"
    + trie_regex(_KEEP | set(_PATRONYMIC))
    + r")[^\W_]*(?:[-'’][^\W_]+)*"
)


def _person_tokens(text: str) -> list[Token]:
    """Only the words the rules look at: capitalised ones, cue words, və, oğlu/qızı.

    Dropped words still stand in the text between two kept tokens, so a gap check
    (`adjacent`) fails across them, as it should.
    """
    out = []
    for m in _PERSON_WORD_RE.finditer(text):
        w = m.group()
        if w[:1].isupper() or w in _KEEP or w.startswith(_PATRONYMIC):
            out.append(Token(w, az_lower_word(w), m.start(), m.end()))
    return out


def find_persons(text: str, taken: list[tuple[int, int]]) -> list[dict]:
    tokens = _person_tokens(text)
    mask = bytearray(len(text) + 1)
    for s, e in taken:
        mask[s:e] = b"\x01" * (e - s)
    free = [not mask[t.start] for t in tokens]

    def adjacent(a: int, b: int) -> bool:
        return text[tokens[a].end : tokens[b].start].isspace()

    facts: list[dict] = []
    used: set[int] = set()

    def emit(first: int, last: int, name: str, **extra) -> None:
        used.update(range(first, last))
        facts.append(
            {
                "type": "person",
                "text": text[tokens[first].start : tokens[last - 1].end],
                "span": [tokens[first].start, tokens[last - 1].end],
                "name": name,
                "pii": True,
                **extra,
            }
        )

    n = len(tokens)
    low_text = text.lower()
    # 1. Patronymics.
    patronymics = (
        [i for i, t in enumerate(tokens) if t.low.startswith(_PATRONYMIC)]
        if "oğlu" in low_text or "qızı" in low_text
        else []
    )
    for i in patronymics:
        tok = tokens[i]
        if i >= 3 and len(tok.low) <= 9:
            words = tokens[i - 3 : i]
            if all(_name_word(w) and free[i - 3 + k] for k, w in enumerate(words)) and all(
                adjacent(j, j + 1) for j in range(i - 3, i)
            ):
                name = " ".join(w.text for w in words) + " " + tok.low[:4]
                emit(i - 3, i + 1, name)
    # 2. Cue words followed by a list of capitalised names.
    for i, tok in enumerate(tokens):
        if tok.low not in _CUES:
            continue
        j = i + 1
        while j < n:
            gap = text[tokens[j - 1].end : tokens[j].start]
            if gap.strip() not in ("", "–", "-", ","):
                break
            k = j
            while k < n and k - j < 4 and _name_word(tokens[k]) and free[k] and k not in used:
                if k > j and not adjacent(k - 1, k):
                    break
                k += 1
            if k - j < 2:
                break
            words = [t.text for t in tokens[j:k]]
            words[-1] = _strip_case(words[-1])
            emit(j, k, " ".join(words))
            if (
                k < n
                and tokens[k].low == "və"
                and text[tokens[k - 1].end : tokens[k].start].isspace()
            ):
                j = k + 1
            elif k < n and text[tokens[k - 1].end : tokens[k].start].strip() == ",":
                j = k
            else:
                break
    # 3. Two capitalised words with a surname ending or a known first name.
    for i in [k for k in range(n - 1) if tokens[k].is_capitalized]:
        if i in used or i + 1 in used or not (free[i] and free[i + 1]):
            continue
        a, b = tokens[i], tokens[i + 1]
        if a.low not in _FIRST_NAMES and not _SURNAME_HINT_RE.search(b.low):
            continue
        if not (_name_word(a) and _name_word(b) and adjacent(i, i + 1)):
            continue
        b_stem = _strip_case(b.text)
        if (
            (a.low in _FIRST_NAMES and _SURNAME_RE.search(b_stem.lower()))
            or _STRONG_SURNAME_RE.search(b_stem.lower())
            and (
                a.low in _FIRST_NAMES
                or i == 0
                or not (tokens[i - 1].is_capitalized and adjacent(i - 1, i))
            )
        ):
            emit(i, i + 2, f"{a.text} {b_stem}")
    # 4. Self-given names.
    for i in range(1, n - 1):
        if (
            tokens[i - 1].low == "özünü"
            and tokens[i + 1].low == "kimi"
            and _name_word(tokens[i])
            and adjacent(i - 1, i)
            and adjacent(i, i + 1)
        ):
            if free[i] and i not in used:
                emit(i, i + 1, tokens[i].text, alias=True)
    facts.sort(key=lambda f: f["span"][0])
    return facts
