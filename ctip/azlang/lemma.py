"""Light, dictionary-free lemmatisation of Azerbaijani nouns and proper names.

A noun is read as ``stem [+ plural] [+ possessive] [+ case]`` (e.g. qurban-lar-ı-nın). Every
segmentation that respects buffer consonants (vowel after a consonant, y/n/s after a vowel,
pronominal n after a 3rd-person possessive) and vowel harmony is a candidate; a candidate stem
must be plausible (a vowel; two letters, three if it ends in a vowel; no impossible final
cluster such as ``şç`` in ``işç-i``; no ``-iy``/``-i`` left by an ``-iyə``/``-iya`` word such as
``tövsiyə``, Türkiyə).
Before a vowel-initial suffix the k/y and q/ğ alternation is undone (Nazirliy-i → Nazirlik,
Prokurorluğ-u → Prokurorluq). ``lemma`` prefers a stem listed in ``EXCEPTIONS`` (words whose
endings only look like suffixes: oğlu, qızı, Bakı, ailə, ölkə, qadın, ...), otherwise strips
the most, but keeps an ambiguous buffer n/s in the stem where that is likelier (Azərbaycan-ın,
not Azərbayca-nın; see ``_Lemmatizer.best``). Without a dictionary some words are still
over- or under-stripped (Moskvanın → Moskvan): ``lemma_candidates`` lists every reading for
matching against known names. Only 3rd-person and 1st-person-plural possessives are recognised (official texts do
not use "my"/"your"), so ``təlim`` is not read as ``təl-im``. A suffix hyphenated to an
abbreviation or number is cut off (``ABŞ-a`` → ``ABŞ``, ``DİN-in`` → ``DİN``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .casing import lower, search_key, upper

EXCEPTIONS: frozenset[str] = frozenset(
    """
oğlu qızı bakı ailə ölkə sahə idarə layihə məsələ hissə şöbə bölmə komitə təcrübə səhifə
vəsiqə məruzə mərhələ dəqiqə təhlükə vasitə nəticə ərizə dəfə küçə ana ata bala lalə viza zona
ərazi xarici daxili fiziki əsas kurs dərs ilə qayda forma media norma qadın dərin altın yaxın
avropa amerika afrika kanada fransa danimarka belçika meksika argentina kuba malta qana moldova
kamboca lanka koreya ankara vyana tbilisi roma praqa varşava riqa afina astana berlin pekin
lenin dollar qeyd gəncə şamaxı quba lənkəran şura əhali qanun aşağı qarşı mübarizə mühafizə
müzakirə məhkəmə nümayəndə çərçivə körpə peşə orta qısa belə eləcə habelə isə təmin həmin bütün
kəskin kimi geri yeni həmçinin təmiz bina
""".split()
)

_VOWELS = "aıoueəiöü"
# Derivational suffixes ending in a vowel: the place of (-xana), -çılıq aside.
_VOWEL_FINAL_SUFFIXES = ("xana",)
_BACK = "aıou"
_HIGH = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü", "ü": "ü"}
# consonant pairs that may end a stem (checked only when a vowel-initial suffix was cut)
_FINAL_CLUSTERS = frozenset(
    "st şt sk nd nt ns nk nq rd rt rs rk rq rx rz rc rç rb rp rf rh rş ks kt xs xt ft qt pt bt lt"
    " lq zm sr fs mb vr br".split()
)

# Suffix templates: A = a/ə, I = ı/i/u/ü. Condition: "c" after a consonant, "v" after a vowel,
# "p" after a 3rd-person possessive (pronominal n), "" anywhere.
_CASES = (
    ("In", "c"),
    ("nIn", "v"),
    ("A", "c"),
    ("yA", "v"),
    ("nA", "p"),
    ("I", "c"),
    ("nI", "v"),
    ("dA", ""),
    ("ndA", "p"),
    ("dAn", ""),
    ("ndAn", "p"),
    ("lA", "c"),
    ("ylA", "v"),
    ("dək", ""),
    ("dakı", ""),
    ("dəki", ""),
    ("ndakı", "p"),
    ("ndəki", "p"),
)
_POSSESSIVES = (("I", "c"), ("sI", "v"), ("ImIz", "c"), ("mIz", "v"))
_PLURALS = (("lAr", ""),)


def _expand(templates: tuple[tuple[str, str], ...], fold: bool) -> list[tuple[str, str, bool, str]]:
    """Concrete (suffix, condition, is_3rd_person_possessive, harmony class A/I/"") forms."""
    out = set()
    for template, cond in templates:
        klass = next((c for c in template if c in "AIaə"), "")
        klass = {"a": "A", "ə": "" if template == "dək" else "A"}.get(klass, klass)
        for high in "ıiuü":
            s = template.replace("A", "a" if high in "ıu" else "ə").replace("I", high)
            out.add((search_key(s) if fold else s, cond, template in ("I", "sI"), klass))
    return sorted(out, key=lambda t: -len(t[0]))


class _Lemmatizer:
    """Suffix stripping over either real spelling (with harmony) or folded search keys."""

    def __init__(self, fold: bool) -> None:
        self.fold = fold
        f = search_key if fold else (lambda s: s)
        self.vowels = "aeiou" if fold else _VOWELS
        self.cases = _expand(_CASES, fold)
        self.possessives = _expand(_POSSESSIVES, fold)
        self.plurals = _expand(_PLURALS, fold)
        self.clusters = frozenset(f(c) for c in _FINAL_CLUSTERS)
        self.exceptions = frozenset(f(w) for w in EXCEPTIONS)
        self.poss_vowels = "iu" if fold else "ıiuü"

    def _last_vowel(self, s: str) -> str | None:
        for c in reversed(s):
            if c in self.vowels:
                return c
        return None

    def _fits(self, rest: str, suffix: str, cond: str, klass: str) -> bool:
        """May `suffix` follow `rest`: buffer consonants and vowel harmony? Folded text keeps
        only the harmony that survives folding (a/ə after a/e, ı-i/u-ü after a-e-i/o-u)."""
        last = self._last_vowel(rest)
        if last is None or len(rest) < 2:
            return False
        ends_vowel = rest[-1] in self.vowels
        if cond == "c" and ends_vowel or cond == "v" and not ends_vowel:
            return False
        if cond == "p" and rest[-1] not in self.poss_vowels:
            return False
        if not klass:
            return True
        v = next(c for c in suffix if c in self.vowels)
        if self.fold:
            if klass == "I":
                return v == ("u" if last in "ou" else "i")
            return last not in "ae" or v == last
        if klass == "I":
            return v == _HIGH[last]
        return v == ("a" if last in _BACK else "ə")

    def _stem(self, stem: str, inner: str, proper: bool = False) -> str | None:
        """The stem left by cutting `inner` (the suffix next to it), undoing k/y and q/ğ, or
        None if the stem is implausible. A proper name in -ey keeps its y (Sergey)."""
        if (
            self._last_vowel(stem) is None
            or len(stem) < 2
            or len(stem) < 3
            and stem[-1] in self.vowels
        ):
            return None  # too short: ye-ni, Tə-miz, (folded) ba-sı
        if stem in self.exceptions:
            return stem
        syllables = sum(c in self.vowels for c in stem)
        if inner[0] in self.vowels:
            if not self.fold and syllables >= 2:
                if stem[-1] == "ğ":
                    stem = stem[:-1] + "q"
                elif stem[-1] == "y" and (
                    stem[-3:] in ("liy", "lüy")
                    or stem[-2] in "əöü"
                    or stem[-2] == "e"
                    and not proper
                ):
                    stem = stem[:-1] + "k"
            if stem[-1] == "y" and stem[-2] in "ıi" and stem[-3:] != "liy":
                return None  # tövsiy-ə, Türkiy-ə
            if (
                stem[-1] not in self.vowels
                and stem[-2] not in self.vowels
                and stem[-2:] not in self.clusters
            ):
                return None  # işç-i, ölk-ə, bölm-ə
            if inner in ("a", "ə", "e") and stem[-1] == "h":
                return None  # sah-ə, layih-ə
        elif inner[0] == "y" and stem[-1] in "ıi" and stem[-2:-1] not in ("ç", "c"):
            return None  # Rusi-ya, Türki-yə (but işçi-yə)
        return stem

    def candidates(self, w: str, proper: bool = False) -> list[str]:
        """Stems of every plausible segmentation of w (lowercase or folded), longest first."""
        out: dict[str, None] = {w: None}
        for case, c_cond, _, c_klass in [("", "", False, "")] + self.cases:
            if case and not w.endswith(case):
                continue
            r1 = w[: len(w) - len(case)]
            if case and not self._fits(r1, case, c_cond, c_klass):
                continue
            for poss, p_cond, third, p_klass in [("", "", False, "")] + self.possessives:
                if c_cond == "p" and not third:
                    continue
                if poss and not (
                    r1.endswith(poss) and self._fits(r1[: -len(poss)], poss, p_cond, p_klass)
                ):
                    continue
                r2 = r1[: len(r1) - len(poss)]
                for plural, _, _, _ in [("", "", False, "")] + self.plurals:
                    if plural and not (
                        r2.endswith(plural) and self._fits(r2[: -len(plural)], plural, "", "A")
                    ):
                        continue
                    stem = r2[: len(r2) - len(plural)]
                    inner = plural or poss or case
                    if inner:
                        s = self._stem(stem, inner, proper)
                        if s is not None:
                            out[s] = None
        return sorted(out, key=len, reverse=True)

    def best(self, w: str, proper: bool = False) -> str:
        """The preferred stem of w: an exception if any, else the most stripped one, except
        that a buffer n/s is kept in the stem where that reading is the likelier one: n after
        a (not ya) or ı/i (Azərbaycan-ın, Elçin-in; but Akademiya-nın, mübarizə-nin, sorğu-nun),
        s after ı/i/e/o (polis-i, proses-i; but Respublika-sı, mövzu-su, işçi-si)."""
        if w in self.exceptions:
            return w
        cands = self.candidates(w, proper)
        known = [c for c in cands if c in self.exceptions]
        if known:
            return known[0]
        best = cands[-1]
        if self.fold or best.endswith(_VOWEL_FINAL_SUFFIXES):
            # search keys drop final n/s anyway (see _reduce); a stem ending in a derivational
            # suffix that ends in a vowel keeps no buffer n (kitabxana-nın, mehmanxana-nın)
            return best
        for c in cands:
            if (
                len(c) == len(best) + 1
                and c.startswith(best)
                and (
                    c[-1] == "n"
                    and (
                        best[-1] == "a"
                        and best[-2] != "y"
                        or best[-1] in "ıi"
                        and best[-2] not in "çc"
                    )
                    or c[-1] == "s"
                    and best[-1] in "ıieo"
                    and best[-2] not in "çc"
                )
            ):
                return c
        return best


_STRICT = _Lemmatizer(fold=False)
_LOOSE = _Lemmatizer(fold=True)

_SUFFIX_TAIL = re.compile(
    "(?:" + "|".join(s for s, *_ in _STRICT.plurals) + ")?"
    "(?:" + "|".join(s for s, *_ in _STRICT.possessives) + ")?"
    "(?:" + "|".join(s for s, *_ in _STRICT.cases) + "|c[ıiuü])?"
)


def _restore_case(original: str, stem: str) -> str:
    """Give `stem` (lowercase) the capitalisation of the same letters in `original`."""
    out = original[: len(stem)]
    if lower(out) == stem:
        return out
    last = stem[-1]
    return out[:-1] + (upper(last) if out[-1:].isupper() else last)


def _split_hyphen(word: str) -> tuple[str, str] | None:
    """(head, tail) when word ends in a hyphenated part."""
    if "-" not in word.strip("-"):
        return None
    head, tail = word.rsplit("-", 1)
    return head, tail


def lemma_candidates(word: str) -> list[str]:
    """Plausible dictionary forms of word, longest first, the word itself included."""
    parts = _split_hyphen(word)
    if parts:
        head, tail = parts
        if tail and _SUFFIX_TAIL.fullmatch(lower(tail)):
            return [word, head]
        return [f"{head}-{c}" for c in lemma_candidates(tail)] if tail else [word]
    w = lower(word)
    if not any(c in _VOWELS for c in w):
        return [word]
    return [_restore_case(word, c) for c in _STRICT.candidates(w, word[:1].isupper())]


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """Dictionary form of an inflected noun or name, keeping its capitalisation ("Kumarın" → "Kumar")."""
    parts = _split_hyphen(word)
    if parts:
        head, tail = parts
        if tail and _SUFFIX_TAIL.fullmatch(lower(tail)):
            return head
        return f"{head}-{lemma(tail)}" if tail else word
    w = lower(word)
    if not any(c in _VOWELS for c in w):
        return word
    return _restore_case(word, _STRICT.best(w, word[:1].isupper()))


_LOOSE_TAIL = re.compile(
    "(?:" + "|".join(s for s, *_ in _LOOSE.plurals) + ")?"
    "(?:" + "|".join(s for s, *_ in _LOOSE.possessives) + ")?"
    "(?:" + "|".join(s for s, *_ in _LOOSE.cases) + "|c[iu])?"
)


def _reduce(stem: str) -> str:
    """Drop final vowels and final consonants that may be buffer letters or alternate
    (n s y k q g after a vowel or y; any final d, as in bənd-ə/bən-də), repeatedly, keeping at
    least 3 letters."""
    while len(stem) > 3 and (
        stem[-1] in "aeiou" or stem[-1] == "d" or stem[-1] in "nsykqg" and stem[-2] in "aeiouy"
    ):
        stem = stem[:-1]
    return stem


@lru_cache(maxsize=65536)
def stem_key(word: str) -> str:
    """Search stem of a word: its folded, suffix-stripped form reduced to a canonical prefix.

    Matching rule for the search layer: index ``stem_key(w)`` of every word ``w``; a query word
    ``q`` matches ``w`` when ``stem_key(w).startswith(stem_key(q))`` (prefix match). The key
    depends only on ``search_key(word)``, so diacritics, case and script do not matter
    (``stem_key("Rüfət") == stem_key("rufet")``). Suffixes are cut from the folded spelling
    (harmony checked only where folding keeps it), repeatedly until nothing more comes off;
    then ``_reduce`` drops final vowels and buffer/alternating consonants, so forms agree
    whether or not a suffix was recognised: alver ⊑ alverinə, alverindən, alverçisi;
    nazirlik ⊑ Nazirliyinin; Azərbaycan ⊑ Azərbaycanın. Reduction stops at three letters; a
    hyphenated suffix is dropped (ABŞ-ın → abs), of another hyphenated compound only the last
    part counts (search_tokens splits those). Short stems favour recall over precision.
    """
    key = search_key(word)
    parts = _split_hyphen(key)
    if parts:
        head, tail = parts
        key = head if _LOOSE_TAIL.fullmatch(tail) else tail
    if not any(c in "aeiou" for c in key):
        return key
    stem = _LOOSE.best(key)
    while len(stem) > 3 and len(shorter := _LOOSE.best(stem)) >= 3 and shorter != stem:
        # cümlə-lər → cümlə → cüm-lə, as cümlə itself gives
        stem = shorter
    return _reduce(stem)
