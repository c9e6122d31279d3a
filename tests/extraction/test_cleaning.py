import pytest
from hypothesis import given
from hypothesis import strategies as st

from ctip.extraction.cleaning import clean_text


def test_wrapped_lines_join_into_one_paragraph():
    assert clean_text("Bu bəndin icrası ilə \nbağlı tədbirlər görülmüşdür. \n") == (
        "Bu bəndin icrası ilə bağlı tədbirlər görülmüşdür."
    )


def test_blank_line_after_sentence_end_splits_paragraphs():
    assert clean_text("Birinci cümlə.\n\nİkinci cümlə.") == "Birinci cümlə.\n\nİkinci cümlə."
    assert clean_text("Başlıq (mətn):\n\nMətn.") == "Başlıq (mətn):\n\nMətn."


def test_page_break_inside_a_sentence_does_not_split():
    raw = "layihəsinə \n\n\n\n \nstart verilmiş və tədbirlər görülmüşdür."
    assert clean_text(raw) == "layihəsinə start verilmiş və tədbirlər görülmüşdür."


def test_indented_line_after_sentence_end_starts_a_paragraph():
    assert clean_text("arasında keçirilməsi): \n 14 iyun 2022-ci il") == (
        "arasında keçirilməsi):\n\n14 iyun 2022-ci il"
    )


def test_line_end_hyphen_joins_number_and_suffix():
    assert clean_text("7 sentyabr 2022-\nci il tarixdə") == "7 sentyabr 2022-ci il tarixdə"
    assert clean_text("İşçi qrupunun 13-\ncü sessiyası") == "İşçi qrupunun 13-cü sessiyası"
    assert clean_text("27 iyul-\n3 avqust 2022-ci il") == "27 iyul-3 avqust 2022-ci il"


def test_real_hyphens_stay():
    text = "tədris-metodik vəsaitlər, 2022-ci il, 27 iyul-3 avqust, hüquq-mühafizə"
    assert clean_text(text) == text


def test_spaced_dash_at_line_end_keeps_a_space():
    assert clean_text("Mərkəzinin -\n(919 telefon") == "Mərkəzinin - (919 telefon"


def test_whitespace_is_normalised():
    assert clean_text("131  nömrəli\u00a0Qərarı \t ilə") == "131 nömrəli Qərarı ilə"
    assert clean_text("\r\nA.\r\n\r\nB.\f") == "A.\n\nB."


def test_heading_line_starts_a_paragraph_even_without_blank_line():
    raw = "mətn bitir\n4.1.9-cu yarımbənd üzrə (Başlıq):"
    assert clean_text(raw).split("\n\n") == ["mətn bitir", "4.1.9-cu yarımbənd üzrə (Başlıq):"]


@pytest.mark.parametrize("label", ["İcra vəziyyəti", "İCRA VƏZİYYƏTİ", "Görülmüş İşlər", "İCRAÇI"])
def test_a_form_label_starts_a_paragraph_in_any_case(label):
    """Form labels are matched without regard to case wherever they are read (LABEL_RE is
    case-insensitive), so a label typed in capitals also opens its own paragraph."""
    raw = f"Tədbirin adı: təlimlərin keçirilməsi\n{label}: icra olunub"
    assert clean_text(raw).split("\n\n") == [
        "Tədbirin adı: təlimlərin keçirilməsi",
        f"{label}: icra olunub",
    ]


def test_seed_has_no_line_breaks_inside_paragraphs(seed_raw):
    cleaned = clean_text(seed_raw)
    for para in cleaned.split("\n\n"):
        assert "\n" not in para and "  " not in para and para == para.strip()
    assert "7 sentyabr 2022-ci il" in cleaned
    assert "27 iyul-3 avqust" in cleaned
    assert "13-cü və" in cleaned


@given(st.lists(st.text(alphabet="abc əİ.:-\n", min_size=0, max_size=30), max_size=8))
def test_cleaning_is_idempotent_and_never_leaves_double_spaces(lines):
    once = clean_text("\n".join(lines))
    assert clean_text(once) == once
    assert "  " not in once and "\n\n\n" not in once


def test_page_number_lines_between_paragraphs_are_removed():
    raw = "Birinci cümlə.\n- 3 -\n\n\nİkinci cümlə.\n4/20\n\n\nÜçüncü cümlə.\nPage 5 of 20\n"
    assert clean_text(raw) == "Birinci cümlə.\n\nİkinci cümlə.\n\nÜçüncü cümlə."


def test_page_number_inside_a_wrapped_sentence_is_removed_and_the_sentence_joined():
    assert clean_text("layihəsinə\n7\n\n\nstart verilmişdir.") == "layihəsinə start verilmişdir."
    assert clean_text("7 sentyabr 2022-\nSəhifə 12\n\n\nci il tarixdə") == (
        "7 sentyabr 2022-ci il tarixdə"
    )
    assert clean_text("tədbirlər\n\nСтр. 8\nkeçirilmişdir.") == "tədbirlər keçirilmişdir."


def test_numbers_that_are_content_are_not_page_numbers():
    raw = "Müqavilənin müddəti 20\nil müddətinə uzadılmışdır."
    assert clean_text(raw) == "Müqavilənin müddəti 20 il müddətinə uzadılmışdır."
    assert clean_text("hesabat\n2022-ci il\nərzində") == "hesabat 2022-ci il ərzində"
    assert clean_text("sayı\n0\nolmuşdur") == "sayı 0 olmuşdur"  # 0 is never a page number
    assert clean_text("nömrə\n02/416\nilə") == "nömrə 02/416 ilə"


@given(st.integers(min_value=1, max_value=9999))
def test_every_page_number_from_1_to_9999_is_furniture(n):
    for line in (f"{n}", f"- {n} -", f"{n}/9999", f"Səhifə {n}", f"Page {n} of 9999", f"Стр. {n}"):
        assert clean_text(f"mətn\n{line}\n\n\ndavam edir.") == "mətn davam edir.", line


def test_annex_heading_is_a_paragraph_of_its_own():
    raw = "son cümlə.\n\n\nStatistika əlavəsi\nTəlimlər aylar üzrə\nAy Say"
    assert clean_text(raw).split("\n\n") == [
        "son cümlə.",
        "Statistika əlavəsi",
        "Təlimlər aylar üzrə Ay Say",
    ]
