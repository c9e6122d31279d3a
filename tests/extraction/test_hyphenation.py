"""Line-end hyphens: a word broken across lines is joined, a real hyphen is kept."""

import pytest

from ctip.extraction.cleaning import clean_text, split_paragraphs
from ctip.extraction.hyphenation import Lexicon


@pytest.mark.parametrize(
    "text, joined",
    [
        # a syllable break: the right part is no word
        ("Hesabatın əsa-\nsında təkliflər hazırlanmışdır.", "əsasında"),
        ("Bir-\nləşmiş Krallıqda görüş olub.", "Birləşmiş"),
        ("Məktubun surəti nümayəndəlik-\nlərə göndərilmişdir.", "nümayəndəliklərə"),
        # the joined word is written whole elsewhere in the document
        ("Sənədlər rəsmi-\nləşdirilmişdir. Hamısı rəsmiləşdirilmişdir.", "rəsmiləşdirilmişdir."),
        # a surname broken across lines
        ("Görüşü əməkdaş Tofiq Qəhrə-\nmanlı aparmışdır.", "Qəhrəmanlı"),
    ],
)
def test_a_word_broken_across_lines_is_joined(text, joined):
    assert joined in clean_text(text)


@pytest.mark.parametrize(
    "text, kept",
    [
        ("tədris-\nmetodik vəsait", "tədris-metodik"),
        ("Layihə 2022-\nci ildə başlamışdır", "2022-ci"),
        ("Məcəllənin 144-\n1-ci maddəsi", "144-1-ci"),
        ("Cənub-\nŞərqi Asiya", "Cənub-Şərqi"),
        ("Əhməd-\nzadə çıxış etmişdir", "Əhməd-zadə"),
        ("qurbanı olub-\nolmamasının müəyyən edilməsi", "olub-olmamasının"),
        ("sənədin saxlanılıb-\nsaxlanılmaması", "saxlanılıb-saxlanılmaması"),
        # the hyphenated form is written whole elsewhere in the document
        ("əməliyyat-axtarış işi və əməliyyat-\naxtarış tədbirləri", "əməliyyat-axtarış tədbirləri"),
    ],
)
def test_a_real_hyphen_at_a_line_end_is_kept(text, kept):
    assert kept in clean_text(text)


def test_lexicon_decisions():
    lexicon = Lexicon("Mətndə sosial və iqtisadi sözlər, həmçinin nümayəndəliklərə var.")
    assert lexicon.keep_hyphen("sosial", "iqtisadi")
    assert not lexicon.keep_hyphen("nümayəndəlik", "lərə")
    assert lexicon.keep_hyphen("2022", "ci")


def test_running_lines_of_a_text_file_are_removed():
    page = "Nazirlik • 2023-cü il hesabatı\n{n}\n\f"
    body = [
        f"{word} abzas burada davam edir və bitir.\n\n" for word in ("Birinci", "İkinci", "Son")
    ]
    text = "".join(b + page.format(n=i + 1) for i, b in enumerate(body))
    paragraphs, furniture = split_paragraphs(text)
    assert [p.text for p in paragraphs] == [b.strip() for b in body]
    assert furniture == ["Nazirlik • 2023-cü il hesabatı"]
    assert [p.page for p in paragraphs] == [1, 2, 3]
