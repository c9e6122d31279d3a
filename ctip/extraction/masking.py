"""Where a narrative names a person, for masking: wider than the `person` facts, by design.

`name_spans(text, taken)` returns the (start, end) spans to hide from readers without
need-to-know. It adds to `persons.find_persons` (whose facts must be precise) the forms a masking
detector cannot afford to miss, erring towards hiding a word too many:

1. a title or role word before capitalised words: `Qurban Zümrüd Əliyeva`, `zərərçəkmiş Aynur`;
2. a surname by its ending (-ov/-ova, -yev/-yeva, -zadə; -li/-lı/-lu/-lü, -oğlu) beside another
   capitalised word: `Aynur Həsənli`, `Məmmədov Əli`; a lone -ov/-ova/-yev/-yeva/-zadə surname;
3. the same in capitals: `ZƏRİFƏ QULUZADƏ`;
4. apostrophes and case endings: `Əli Məmmədov’un`, `Həsənlinin`;
5. initials: `Ə. Məmmədov`, `Z.Ə. Əliyeva`, `Məmmədov Ə.`;
6. a name before `adlı`/`adında`: `Sevinc adlı qadın`.

Words inside `taken` spans (organisations, countries) are never part of a name. Pure Python.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ctip.azlang import lemma_candidates, lower

from .persons import find_persons

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_STRONG = ("ova", "yeva", "eva", "ov", "yev", "ev", "zadə", "zade")
_WEAK = ("li", "lı", "lu", "lü", "oğlu", "qızı")
# Title, role and status words after which capitalised words are a name.
_ROLE_WORDS = {
    "qurban",
    "qurbanı",
    "qurbanlar",
    "zərərçəkmiş",
    "zərərçəkən",
    "şahid",
    "şübhəli",
    "təqsirləndirilən",
    "müttəhim",
    "məhkum",
    "vətəndaş",
    "vətəndaşı",
    "vətəndaşları",
    "şəxs",
    "xanım",
    "cənab",
    "ana",
    "ata",
    "qızı",
    "oğlu",
    "həyat",
    "yoldaşı",
    "işəgötürən",
    "vasitəçi",
    "müraciətçi",
    "ərizəçi",
}
_AFTER_NAME = {"adlı", "adında", "soyadlı", "ləqəbli"}
# Capitalised words that open sentences or titles and end like a surname, never names.
_NOT_NAMES = {
    "daxili",
    "milli",
    "ali",
    "əsaslı",
    "müvafiq",
    "təhlükəli",
    "əhəmiyyətli",
    "məsuliyyətli",
    "dövlət",
    "respublika",
    "azərbaycan",
    "bu",
    "həmin",
    "eyni",
    "hər",
}


class _Tok:
    __slots__ = ("text", "start", "end", "low", "base")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end
        self.base = re.split(r"['’]", text, maxsplit=1)[0]
        self.low = lower(self.base)


def surname_shape(word: str) -> str | None:
    """'strong' (-ov/-ova/-yev/-yeva/-zadə), 'weak' (-li/-lı/-lu/-lü/-oğlu) or None, looking
    through an apostrophe and case endings (`Məmmədov’un`, `Həsənlinin`, `ƏLİYEVANIN`)."""
    base = re.split(r"['’]", word, maxsplit=1)[0]
    if len(base) < 4:
        return None
    for form in lemma_candidates(base):
        low = lower(form)
        if low in _NOT_NAMES:
            return None
        if any(low.endswith(s) and len(low) - len(s) >= 3 for s in _STRONG):
            return "strong"
        if any(low.endswith(s) and len(low) - len(s) >= 4 for s in _WEAK):
            return "weak"
    return None


def _capital(tok: _Tok) -> bool:
    return tok.text[:1].isupper() and len(tok.base) >= 2 and tok.low not in _NOT_NAMES


def _initial_at(text: str, i: int) -> int:
    """End of a run of initials starting at i (`Ə.`, `Z.Ə.`, `Z. Ə.`), or i if none."""
    m = re.compile(r"(?:[^\W\d_a-zəıöüçşğ]\.\s?){1,3}").match(text, i)
    return m.end() if m else i


class _Finder:
    def __init__(self, text: str, taken: list[tuple[int, int]]) -> None:
        self.text = text
        free = bytearray(len(text) + 1)
        for s, e in taken:
            free[s:e] = b"\x01" * (e - s)
        self.toks = [
            _Tok(m.group(), m.start(), m.end()) for m in _WORD.finditer(text) if not free[m.start()]
        ]
        self.spans: list[tuple[int, int]] = []

    def adjacent(self, a: int, b: int) -> bool:
        return self.text[self.toks[a].end : self.toks[b].start].isspace()

    def name_run(self, i: int, step: int, limit: int = 3) -> list[int]:
        """Indices of up to `limit` adjacent capitalised tokens from i in direction step."""
        run: list[int] = []
        j = i
        while 0 <= j < len(self.toks) and len(run) < limit and _capital(self.toks[j]):
            if run and not self.adjacent(min(j, j - step), max(j, j - step)):
                break
            if self.toks[j].low in _ROLE_WORDS or self.toks[j].low in _AFTER_NAME:
                break
            run.append(j)
            j += step
        return run

    def opens_sentence(self, i: int) -> bool:
        """The token starts the text, a line or a sentence (its capital may be the sentence's)."""
        before = self.text[: self.toks[i].start].rstrip(" \t")
        return not before or before[-1] in ".!?:;\n"

    def emit(self, indices: list[int]) -> None:
        if indices:
            self.spans.append((self.toks[min(indices)].start, self.toks[max(indices)].end))


def _role_words(f: _Finder) -> None:
    for i, tok in enumerate(f.toks[:-1]):
        if tok.low not in _ROLE_WORDS or not f.adjacent(i, i + 1):
            continue
        run = f.name_run(i + 1, 1)
        if len(run) >= 2 or (run and surname_shape(f.toks[run[0]].text)):
            f.emit(run)


def _after_name_words(f: _Finder) -> None:
    for i, tok in enumerate(f.toks[1:], 1):
        if tok.low in _AFTER_NAME and f.adjacent(i - 1, i):
            f.emit(f.name_run(i - 1, -1))


def _surnames(f: _Finder) -> None:
    for i, tok in enumerate(f.toks):
        if not _capital(tok):
            continue
        shape = surname_shape(tok.text)
        if shape is None:
            continue
        before = f.name_run(i - 1, -1, limit=1) if i and f.adjacent(i - 1, i) else []
        after = (
            f.name_run(i + 1, 1, limit=1) if i + 1 < len(f.toks) and f.adjacent(i, i + 1) else []
        )
        if before and after and f.opens_sentence(before[0]) and _given_name_like(f.toks[after[0]]):
            f.emit([i, *after])  # `Görüşdə Həsənli Aynur`: the capital of `Görüşdə` says nothing
        elif before:
            f.emit([i, *before])  # a sentence's first word may be a name: hidden, to be sure
        elif shape == "strong":
            f.emit([i, *after])  # `Məmmədov Əli`, or a lone `Quluzadə`
        elif after and _given_name_like(f.toks[after[0]]):
            f.emit([i, *after])  # `Həsənli Aynur`


def _given_name_like(tok: _Tok) -> bool:
    """A capitalised word that may be a first name (not itself surname-shaped, not capitals)."""
    return (
        _capital(tok)
        and not tok.text.isupper()
        and len(tok.base) >= 3
        and surname_shape(tok.text) is None
    )


def _initials(f: _Finder) -> None:
    text = f.text
    for i, tok in enumerate(f.toks):
        if len(tok.text) != 1 or not tok.text.isupper() or text[tok.end : tok.end + 1] != ".":
            continue
        line_start = text.rfind("\n", 0, tok.start) + 1
        marker = not text[line_start : tok.start].strip() or tok.text in "IVX"
        if marker and i + 1 < len(f.toks) and not surname_shape(f.toks[i + 1].text):
            continue  # `A. Ümumi müddəalar`, `IV. Maarifləndirmə`: a heading, not an initial
        end = _initial_at(text, tok.start)
        while end > tok.start and text[end - 1].isspace():
            end -= 1
        nxt = next((j for j in range(i + 1, len(f.toks)) if f.toks[j].start >= end), None)
        gap = text[end : f.toks[nxt].start] if nxt is not None else "?"
        if nxt is not None and len(gap) <= 1 and not gap.strip() and _capital(f.toks[nxt]):
            f.spans.append((tok.start, f.toks[nxt].end))  # `Ə. Məmmədov`, `Z.Ə. Əliyeva`
        elif i and surname_shape(f.toks[i - 1].text) and f.adjacent(i - 1, i):
            f.spans.append((f.toks[i - 1].start, end))  # `Məmmədov Ə.`


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1][1] = max(out[-1][1], e)
        else:
            out.append([s, e])
    return [(s, e) for s, e in out]


def name_spans(text: str, taken: Iterable[Sequence[int]] = ()) -> list[tuple[int, int]]:
    """Spans of `text` that name a person, merged and sorted; never inside a `taken` span."""
    if not text:
        return []
    pairs = [(s, e) for s, e in taken]
    f = _Finder(text, pairs)
    for rule in (_role_words, _after_name_words, _surnames, _initials):
        rule(f)
    f.spans += [(p["span"][0], p["span"][1]) for p in find_persons(text, pairs)]
    return _merge(f.spans)
