"""Azerbaijani number words and the vowel-harmonic suffixes written after numerals.

Every suffix function returns the suffix WITH its hyphen, as numerals are written in
Azerbaijani: ``f"{n}{ordinal_suffix(n)}"`` gives ``2022-ci``, ``3-cü``, ``6-nın``, ``19-da``.
The harmony follows the number as read aloud (``number_words``), i.e. its last word.
"""

from __future__ import annotations

_ONES = ("", "bir", "iki", "üç", "dörd", "beş", "altı", "yeddi", "səkkiz", "doqquz")
_TENS = ("", "on", "iyirmi", "otuz", "qırx", "əlli", "altmış", "yetmiş", "səksən", "doxsan")
_SCALES = ("", "min", "milyon", "milyard", "trilyon")
_MAX = 1000 ** len(_SCALES)

_VOWELS = "aıoueəiöü"
_BACK = "aıou"
# last vowel -> 4-way (ı/i/u/ü) harmonic vowel
_HIGH = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü", "ü": "ü"}


def _below_thousand(n: int) -> list[str]:
    hundreds, rest = divmod(n, 100)
    words = []
    if hundreds:
        words += ([] if hundreds == 1 else [_ONES[hundreds]]) + ["yüz"]
    if rest >= 10:
        words.append(_TENS[rest // 10])
    if rest % 10:
        words.append(_ONES[rest % 10])
    return words


def number_words(n: int) -> str:
    """Spoken Azerbaijani form of an integer (0 → "sıfır", 1000 → "min", 100 → "yüz")."""
    if n < 0:
        return "mənfi " + number_words(-n)
    if n == 0:
        return "sıfır"
    if n >= _MAX:
        raise ValueError(f"number too large for number_words: {n}")
    words: list[str] = []
    for scale in range(len(_SCALES) - 1, -1, -1):
        group = (n // 1000**scale) % 1000
        if not group:
            continue
        if not (scale == 1 and group == 1):  # "min", never "bir min"
            words += _below_thousand(group)
        if scale:
            words.append(_SCALES[scale])
    return " ".join(words)


def _last_word(n: int) -> str:
    """The last word of number_words(n), from the lowest non-zero digit (no full spelling)."""
    n = abs(n)
    if n == 0:
        return "sıfır"
    scale = 0
    while n % 1000 == 0:
        n //= 1000
        scale += 1
    if scale:
        return _SCALES[scale]
    group = n % 1000
    if group % 10:
        return _ONES[group % 10]
    if group % 100:
        return _TENS[group % 100 // 10]
    return "yüz"


def _last_vowel(word: str) -> str:
    return next(c for c in reversed(word) if c in _VOWELS)


def _parts(n: int) -> tuple[str, bool]:
    """(harmonic 4-way vowel, does the spoken form end in a vowel) for n."""
    word = _last_word(n)
    return _HIGH[_last_vowel(word)], word[-1] in _VOWELS


def _low(n: int) -> str:
    """The 2-way (a/ə) harmonic vowel for n."""
    return "a" if _last_vowel(_last_word(n)) in _BACK else "ə"


def ordinal_suffix(n: int) -> str:
    """Ordinal suffix with hyphen: "-ci"/"-cı"/"-cu"/"-cü" (1-ci, 3-cü, 6-cı, 9-cu)."""
    return "-c" + _parts(n)[0]


def genitive_suffix(n: int) -> str:
    """Genitive suffix with hyphen (1-in, 3-ün, 9-un, 2-nin, 6-nın)."""
    vowel, vowel_final = _parts(n)
    return "-" + ("n" if vowel_final else "") + vowel + "n"


def accusative_suffix(n: int) -> str:
    """Accusative suffix with hyphen (1-i, 3-ü, 2-ni, 6-nı)."""
    vowel, vowel_final = _parts(n)
    return "-" + ("n" if vowel_final else "") + vowel


def dative_suffix(n: int) -> str:
    """Dative suffix with hyphen (1-ə, 9-a, 2-yə, 6-ya)."""
    return "-" + ("y" if _parts(n)[1] else "") + _low(n)


def locative_suffix(n: int) -> str:
    """Locative suffix with hyphen (1-də, 5-də, 6-da, 19-da)."""
    return "-d" + _low(n)


def ablative_suffix(n: int) -> str:
    """Ablative suffix with hyphen (1-dən, 6-dan, 10-dan)."""
    return "-d" + _low(n) + "n"


def format_ordinal(n: int) -> str:
    """A numeral with its ordinal suffix: 2022 → "2022-ci"."""
    return f"{n}{ordinal_suffix(n)}"


def format_code(code: str) -> str:
    """A dotted plan code with the ordinal suffix of its last component: "4.2.10" → "4.2.10-cu"."""
    last = code.strip().rsplit(".", 1)[-1]
    if not (last.isascii() and last.isdigit()):
        raise ValueError(f"not a numbered code: {code!r}")
    return f"{code.strip()}{ordinal_suffix(int(last))}"
