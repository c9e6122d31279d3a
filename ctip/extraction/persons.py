"""`person` facts: names of people (always `pii: true`), in the nominative, as written.

Cues, in order of strength:

1. a patronymic: `Soyad Ad Ata oğlu/qızı` and `Ad Ata oğlu/qızı Soyad` (any case ending on
   oğlu/qızı or the surname: `Cəfərli Samir Rövşən oğlunun` -> `… oğlu`);
2. a role, title or citizenship word before two or three capitalised words (`vətəndaşı Ravi
   Kumarın`, `eksperti Kamran Nəsirzadə`, `polkovnik-leytenant Ramil Səfərli`, `bloger …`);
   a list is split at commas and `və`; a name ends at its first inflected word;
3. two capitalised words, the second with a surname ending (-ov, -ova, -yev, -yeva, -zadə,
   -li/-lı/-lu/-lü) or the first a known first name;
4. a courtesy word between given name and surname: `Səkinə xanım Nəbiyeva` (name `Səkinə
   Nəbiyeva`);
5. a self-given name: `özünü Abid kimi təqdim edən` (reported with `alias: true`).

Not persons: words inside organisation or country spans, and a name that is part of a longer
proper name (`Heydər Əliyev Beynəlxalq Aeroportu`, `… adına məktəb`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .gazetteer import trie_regex
from .textutil import Token, WordStarts, az_lower_word

_SURNAME_RE = re.compile(r"(?:ov|ova|yev|yeva|ev|eva|zadə|zade|bəyli|lı|li|lu|lü|ski|skaya|enko)$")
_FEMININE_RE = re.compile(r"(?:ova|eva|yeva|skaya)$")
_PATRONYMIC = ("oğlu", "qızı")
# Role, title and citizenship words (stems): a capitalised name after one of them is a person.
_CUE_STEMS = (
    "vətəndaş cənab xanım rəis müavin sədr direktor nazir müşavir məsləhətçi mütəxəssis ekspert "
    "psixoloq psixiatr psixoterapevt həkim müəllim hakim prokuror müstəntiq vəkil konsul katib "
    "səfir attaşe nümayəndə əməkdaş koordinator inspektor zabit leytenant kapitan mayor "
    "polkovnik general serjant jurnalist bloger tərcüməçi hüquqşünas müdir rəhbər işəgötürən "
    "təlimçi sürücü tələbə sakin"
).split()
_CUE_ENDINGS = ("", "ı", "i", "u", "ü", "sı", "si", "su", "sü", "ları", "ləri", "lar", "lər")
_FIRST_NAMES = frozenset(
    """
əli məmməd elçin rauf rüfət əbülfəz tofiq vüqar elnur anar aydın orxan rəşad kamran fuad
nicat tural ramil səbinə aygün günel leyla nərmin sevinc aynur könül ülviyyə vüsal ilham
mehriban zaur samir ruslan elşən elvin fərid fariz natiq nigar nərgiz gülnarə səadət nuray
emin ayşən ramin həsən hüseyn rəşid rövşən elşad famil arif vaqif oqtay mübariz zülfiyyə
muhammad mohammad ravi hussain abid ramzan amjad batyr ahmed ahmad hassan hasan ivan
olga anna maria john elena olena giorgi marco rahim rustam aysulu
""".split()
)
_CASE_SUFFIXES = "nın nin nun nün ya yə na nə da də dan dən ın in un ün a ə".split()
_BACK, _FRONT = set("aıou"), set("əeiöü")
_INSTITUTION_NEXT = {"adına", "adını"}
# Lowercase particles inside foreign names (`Pieter van Dijk`, `Ibn al Haytham` aside: `da` is
# Azerbaijani's "too" and stays out).
_PARTICLES = frozenset("van von de der den del della di le la bin ibn al el dos du".split())
# A capitalised word in a place case straight after its stem (`Bakıda`, `Gəncəyə`, `Londondan`):
# a place after a name, not the last word of a longer proper name (those take the possessive
# first: `Mərkəzində`, `Aeroportuna`).
_PLACE_CASE_RE = re.compile(r"(?<![ıiuü]n)(?<!s[ıiuü])(?:d[aə]n?|y[aə])$")
# After a document's number comes its kind (`19 nömrəli Əməkdaşlıq Protokolu`), never a person;
# a word derived with -lıq/-lik/-luq/-lük is a common noun, never a given name.
_DOCUMENT_NUMBER_WORDS = ("nömrəli", "saylı", "tarixli")
_ABSTRACT_RE = re.compile(r"(?:lıq|lik|luq|lük|lığ|liy|luğ|lüy)")


def _harmonic(stem: str, suffix: str) -> bool:
    vowels = [c for c in stem.lower() if c in _BACK | _FRONT]
    sv = next((c for c in suffix if c in "aəıiuü"), "")
    if not vowels or not sv:
        return False
    if (vowels[-1] in _BACK) != (sv in "aıu"):
        return False
    return (stem[-1].lower() in "aəıioöuüe") != (suffix[0] in "aəıiuü")


@lru_cache(maxsize=8192)
def name_word(word: str) -> str:
    """A name word in the nominative: `Kumarın` -> `Kumar`, `Toktogulovanın` -> `Toktogulova`,
    `Hüseynzadənin` -> `Hüseynzadə`; `Məmmədova`, `Nəsirli`, `Bellini`, `Rza` stay."""
    low = word.lower()
    if low in _FIRST_NAMES or _FEMININE_RE.search(low) or _SURNAME_RE.search(low):
        return word
    for suffix in _CASE_SUFFIXES:
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if _SURNAME_RE.search(stem.lower()) or _harmonic(stem, suffix):
                return stem
    return word


def _inflected(word: str) -> bool:
    return name_word(word) != word


# A bare dative -a/-ə after a consonant (`Kumara`) is read off a name only where something
# governs it: a verb or a postposition in the next two words (`Ravi Kumara sənəd verilmişdir`);
# otherwise the name ends in -a itself (`Ahmet Kaya sürücülər üçün`). -ya/-yə after a vowel is
# a dative always (`Əkbəriyə`).
_BARE_DATIVE = ("a", "ə")
_GOVERNS_DATIVE_RE = re.compile(
    r"(?:\s+[^\W\d_]+)?\s+(?:[^\W\d_]*(?:m[ıiuü]şd[ıiuü]r|m[ıiuü]ş|[ıiuü]b|d[ıiuü])(?![^\W\d_])"
    r"|qədər|görə|qarşı|dair|aid|məxsus|doğru|tərəf|təqdim|təhvil|müraciət|veril|göndəril|"
    r"həvalə)"
)


def _nominative(text: str, token_end: int, word: str) -> str:
    """name_word, but a bare dative ending stays when nothing after the name governs it."""
    base = name_word(word)
    if base != word and word[len(base) :].lower() in _BARE_DATIVE:
        if not _GOVERNS_DATIVE_RE.match(text, token_end):
            return word
    return base


_CUE_RE = re.compile(
    "(?:" + "|".join(_CUE_STEMS) + ")(?:" + "|".join(e for e in _CUE_ENDINGS if e) + ")?"
)


@lru_cache(maxsize=4096)
def _is_cue(word: str) -> bool:
    return bool(_CUE_RE.fullmatch(word.lower().rsplit("-", 1)[-1]))


def _name_like(tok: Token) -> bool:
    t = tok.text
    if "-" in t:  # `Jean-Luc`, `Əhməd-zadə`: every part capitalised, or a -zadə surname
        parts = t.split("-")
        if not all(p[:1].isupper() or p == "zadə" for p in parts):
            return False
        t = "".join(parts)
    if "’" in t or "'" in t:  # `O’Connor`, `D'Souza`: a capital after the apostrophe
        parts = re.split("[’']", t)
        if not all(p[:1].isupper() for p in parts):
            return False
        t = "".join(parts)
    return t[:1].isupper() and t.isalpha() and not t.isupper() and len(t) >= 2


# The words the rules look at, where no word character, apostrophe or hyphen stands before:
# capitalised, a keep word starting it (`və`, `oğlu`), or a particle as a whole word.
_KEEP = WordStarts(
    r"(?:[A-ZÀ-ÖØ-ÞĀ-ſƏ]|"
    + trie_regex({"və", "özünü", "kimi", *_PATRONYMIC, "adına", "adını"})
    + r")[^\W_]*(?:[-'’][^\W_]+)*|(?:"
    + trie_regex(set(_PARTICLES))
    + r")(?![\w'’-])",  # a particle only as a whole word
    not_after="_'’-",
)


class _Names:
    """The words the rules look at (capitalised, cue words, `və`, `oğlu`/`qızı`), and the
    facts found so far; dropped words still stand between tokens, so `adjacent` fails there."""

    def __init__(self, text: str, taken: list[tuple[int, int]]):
        self.text = text
        self.tokens = [
            Token(m.group(1), az_lower_word(m.group(1)), m.start(1), m.end(1))
            for m in _KEEP.finditer(text)
        ]
        mask = bytearray(len(text) + 1)
        for s, e in taken:
            mask[s:e] = b"\x01" * (e - s)
        self.free = [not mask[t.start] for t in self.tokens]
        self.names = [f and _name_like(t) for f, t in zip(self.free, self.tokens, strict=True)]
        self.used: set[int] = set()
        self.facts: list[dict] = []

    def adjacent(self, a: int, b: int) -> bool:
        return self.text[self.tokens[a].end : self.tokens[b].start].isspace()

    def usable(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.names[i] and i not in self.used

    def continues(self, i: int) -> bool:
        """Token i is followed by `adına`, or is uninflected and followed by a capitalised word:
        part of a longer proper name (only the last word of a name takes a case ending)."""
        j = i + 1
        if j >= len(self.tokens) or not self.adjacent(i, j):
            return False
        nxt = self.tokens[j]
        return nxt.low in _INSTITUTION_NEXT or (
            self.free[j]  # a country or body named next is another name, not this one's end
            and nxt.is_capitalized
            and not _inflected(self.tokens[i].text)
            and not _PLACE_CASE_RE.search(nxt.low)
        )

    def after_name_word(self, i: int) -> bool:
        """Token i follows a capitalised word in the same phrase (not one opening a sentence)."""
        if i == 0 or not self.tokens[i - 1].is_capitalized or not self.adjacent(i - 1, i):
            return False
        before = self.text[: self.tokens[i - 1].start].rstrip()
        return bool(before) and before[-1] not in ".!?:;"

    def emit(self, first: int, last: int, name: str, **extra) -> None:
        self.used.update(range(first, last))
        s, e = self.tokens[first].start, self.tokens[last - 1].end
        self.facts.append(
            {
                "type": "person",
                "text": self.text[s:e],
                "span": [s, e],
                "name": name,
                "pii": True,
                **extra,
            }
        )

    def _particle_before_name(self, k: int) -> bool:
        """Tokens from k are particles (`van`, `de la`) and then a name word, all adjacent."""
        while k < len(self.tokens) and self.tokens[k].low in _PARTICLES:
            if k + 1 >= len(self.tokens) or not self.adjacent(k, k + 1):
                return False
            k += 1
        return k < len(self.tokens) and self.names[k]

    def run(self, i: int, most: int) -> int:
        """Index after the run of adjacent usable name words from i (at most `most`)."""
        k, names, used, count = i, self.names, self.used, 0
        while k < len(self.tokens) and count < most and k not in used:
            if k > i and not self.adjacent(k - 1, k):
                break
            if not names[k] and not (k > i and self._particle_before_name(k)):
                break
            count += names[k]  # particles (`van`, `de la`) are not counted
            k += 1
        return k


def _patronymics(n: _Names) -> None:
    """`Soyad Ad Ata oğlu` (the surname first has a surname ending) or `Ad Ata oğlu [Soyad]`."""
    for i, tok in enumerate(n.tokens):
        if not tok.low.startswith(_PATRONYMIC) or len(tok.low) > 9 or i < 2:
            continue
        if not (n.run(i - 2, 2) == i and n.adjacent(i - 1, i)):
            continue
        word = tok.low[:4]
        first = i - 3
        if first >= 0 and n.usable(first) and n.adjacent(first, first + 1):
            if _SURNAME_RE.search(n.tokens[first].low):
                n.emit(first, i + 1, " ".join(t.text for t in n.tokens[first:i]) + f" {word}")
                continue
        given = " ".join(t.text for t in n.tokens[i - 2 : i])
        after = i + 1
        if n.usable(after) and n.adjacent(i, after):
            surname = _nominative(n.text, n.tokens[after].end, n.tokens[after].text)
            if _SURNAME_RE.search(surname.lower()):
                n.emit(i - 2, after + 1, f"{given} {word} {surname}")
                continue
        n.emit(i - 2, i + 1, f"{given} {word}")


def _one_after_cue(n: _Names, j: int) -> int:
    """Emit the name starting at token j (two or three words, ending at its first inflected
    word); return the index after it, or j when there is none."""
    k = n.run(j, 3)
    if k - j < 2:
        return j
    for m in range(j + 1, k):
        if _inflected(n.tokens[m].text):
            k = m + 1
            break
    if sum(n.names[j:k]) == 3 and (n.continues(k - 1) or _place_after_name(n, j, k)):
        k -= 1
    if n.continues(k - 1):
        return j
    words = [t.text for t in n.tokens[j:k]]
    words[-1] = _nominative(n.text, n.tokens[k - 1].end, words[-1])
    n.emit(j, k, " ".join(words))
    return k


def _place_after_name(n: _Names, j: int, k: int) -> bool:
    """The last word is a place in the locative/ablative/dative (`Gəncəyə`, `Bakıda`) after a
    name that is whole without it (`Kamran Nəsirzadə`, `Pieter van Dijk`)."""
    words = [t.low for t in n.tokens[j:k]]
    if not _PLACE_CASE_RE.search(words[-1]):
        return False
    particle = any(w in _PARTICLES for w in words[:-1])
    return particle or words[0] in _FIRST_NAMES or bool(_SURNAME_RE.search(words[-2]))


def _cue_before(n: _Names, i: int) -> bool:
    """The word right before token i (one space between) is a role, title or citizenship word."""
    start = n.tokens[i].start
    if start < 2 or n.text[start - 1] != " ":
        return False
    begin = n.text.rfind(" ", max(0, start - 40), start - 1) + 1
    begin = max(begin, n.text.rfind("\n", max(0, start - 40), start - 1) + 1)
    word = n.text[begin : start - 1]
    if not word:
        return False
    if word[0].isupper():  # a title opening a sentence: `Xanım Olivia Bennett`
        before = n.text[:begin].rstrip()
        if before and before[-1] not in ".!?:;":
            return False
    return _is_cue(word)


def _after_cues(n: _Names) -> None:
    for i in range(len(n.tokens) - 1):
        if not n.usable(i) or n.after_name_word(i) or not _cue_before(n, i):
            continue
        j = i
        while j < len(n.tokens):
            k = _one_after_cue(n, j)
            if k == j or k >= len(n.tokens):
                break
            gap = n.text[n.tokens[k - 1].end : n.tokens[k].start]
            if n.tokens[k].low == "və" and gap.isspace() and k + 1 < len(n.tokens):
                if not n.adjacent(k, k + 1):
                    break
                j = k + 1
            elif gap.strip() == ",":
                j = k
            else:
                break


def _after_document_number(n: _Names, i: int) -> bool:
    before = n.text[max(0, n.tokens[i].start - 12) : n.tokens[i].start].rstrip()
    return before.endswith(_DOCUMENT_NUMBER_WORDS)


def _surname_pairs(n: _Names) -> None:
    for i in range(len(n.tokens) - 1):
        if not (n.usable(i) and n.usable(i + 1) and n.adjacent(i, i + 1)):
            continue
        a, b = n.tokens[i], n.tokens[i + 1]
        surname = _nominative(n.text, b.end, b.text)
        known = a.low in _FIRST_NAMES
        if not (known or _SURNAME_RE.search(surname.lower()) and len(surname) > 4):
            continue
        if _ABSTRACT_RE.search(a.low) or _after_document_number(n, i):
            continue
        if not known and n.after_name_word(i):
            continue
        if n.continues(i + 1):
            continue
        n.emit(i, i + 2, f"{a.text} {surname}")


# A courtesy word between a given name and a surname: `Səkinə xanım Nəbiyeva`, `Rauf bəy Əliyev`.
_HONORIFIC_GAP_RE = re.compile(r"\s+(?:xanım|bəy|müəllim|həkim)\s+")


def _honorific_pairs(n: _Names) -> None:
    """`Ad xanım/bəy/müəllim/həkim Soyad`: the person is `Ad Soyad` (the courtesy word is kept
    in the fact's text, not in its name); the first word a known given name or the last a
    surname."""
    for i in range(len(n.tokens) - 1):
        if not (n.usable(i) and n.usable(i + 1)):
            continue
        a, b = n.tokens[i], n.tokens[i + 1]
        if not _HONORIFIC_GAP_RE.fullmatch(n.text, a.end, b.start):
            continue
        surname = _nominative(n.text, b.end, b.text)
        if a.low not in _FIRST_NAMES and not _SURNAME_RE.search(surname.lower()):
            continue
        if n.after_name_word(i) or n.continues(i + 1):
            continue
        n.emit(i, i + 2, f"{a.text} {surname}")


def _aliases(n: _Names) -> None:
    for i in range(1, len(n.tokens) - 1):
        if n.tokens[i - 1].low == "özünü" and n.tokens[i + 1].low == "kimi" and n.usable(i):
            if n.adjacent(i - 1, i) and n.adjacent(i, i + 1):
                n.emit(i, i + 1, n.tokens[i].text, alias=True)


def find_persons(text: str, taken: list[tuple[int, int]]) -> list[dict]:
    """Person facts of one section; `taken` are organisation and country spans."""
    n = _Names(text, taken)
    for rule in (_patronymics, _honorific_pairs, _after_cues, _surname_pairs, _aliases):
        rule(n)
    n.facts.sort(key=lambda f: f["span"][0])
    return n.facts
