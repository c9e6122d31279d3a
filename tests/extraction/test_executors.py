"""The executors cell of a plan measure: named bodies, "by agreement", general categories."""

import pytest

from ctip.extraction.executors import parse_abbreviations, parse_executors


def _agencies(text, abbreviations=None):
    return [
        (e.abbr, e.name, e.by_agreement)
        for e in parse_executors(text, abbreviations)
        if e.kind == "agency"
    ]


def test_full_names_in_order_with_by_agreement_marks():
    assert _agencies(
        "Səhiyyə Nazirliyi, Daxili İşlər Nazirliyi, Ali Məhkəmə (razılaşdırılmaqla)"
    ) == [
        ("SN", "Səhiyyə Nazirliyi", False),
        ("DİN", "Daxili İşlər Nazirliyi", False),
        ("AM", "Ali Məhkəmə", True),
    ]


def test_the_republic_prefix_goes_and_a_governed_name_is_put_in_the_nominative():
    entries = parse_executors(
        "Azərbaycan Respublikasının Baş Prokurorluğu, Azərbaycan Respublikasının İnsan "
        "Hüquqları üzrə Müvəkkili (Ombudsman) (razılaşdırılmaqla), Azərbaycan Respublikasının "
        "Xarici İşlər Nazirliyi"
    )
    assert [(e.name, e.by_agreement) for e in entries] == [
        ("Baş Prokurorluq", False),
        ("İnsan Hüquqları üzrə Müvəkkil (Ombudsman)", True),
        ("Xarici İşlər Nazirliyi", False),
    ]
    assert entries[0].text == "Azərbaycan Respublikasının Baş Prokurorluğu"


def test_a_name_with_a_comma_is_one_body_and_its_own_azerbaijan_and_quotes_stay():
    assert [
        name
        for _a, name, _b in _agencies(
            "Ailə, Qadın və Uşaq Problemləri üzrə Dövlət Komitəsi, Nəqliyyat, Rabitə və Yüksək "
            "Texnologiyalar Nazirliyi, Azərbaycan Həmkarlar İttifaqları Konfederasiyası, "
            "“Azərbaycan Hava Yolları” Qapalı Səhmdar Cəmiyyəti (razılaşdırılmaqla)"
        )
    ] == [
        "Ailə, Qadın və Uşaq Problemləri üzrə Dövlət Komitəsi",
        "Nəqliyyat, Rabitə və Yüksək Texnologiyalar Nazirliyi",
        "Azərbaycan Həmkarlar İttifaqları Konfederasiyası",
        "“Azərbaycan Hava Yolları” Qapalı Səhmdar Cəmiyyəti",
    ]


def test_a_2020_name_stays_as_written_but_resolves_to_todays_agency():
    assert _agencies("Təhsil Nazirliyi, Qeyri-Hökumət Təşkilatlarına Dövlət Dəstəyi Şurası") == [
        ("ETN", "Təhsil Nazirliyi", False),
        ("QHTDDA", "Qeyri-Hökumət Təşkilatlarına Dövlət Dəstəyi Şurası", False),
    ]


def test_general_categories_are_text_not_agencies():
    entries = parse_executors(
        "Daxili İşlər Nazirliyi, yerli icra hakimiyyəti orqanları, qeyri-hökumət təşkilatları "
        "(razılaşdırılmaqla), digər aidiyyəti dövlət orqanları (qurumları)"
    )
    assert [(e.kind, e.name, e.by_agreement) for e in entries] == [
        ("agency", "Daxili İşlər Nazirliyi", False),
        ("category", "yerli icra hakimiyyəti orqanları", False),
        ("category", "qeyri-hökumət təşkilatları", True),
        ("category", "digər aidiyyəti dövlət orqanları (qurumları)", False),
    ]


def test_abbreviations_expand_through_the_reference_list_or_the_documents_own():
    assert _agencies("DİN, DTX, ƏƏSMN") == [
        ("DİN", "Daxili İşlər Nazirliyi", False),
        ("DTX", "Dövlət Təhlükəsizliyi Xidməti", False),
        ("ƏƏSMN", "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi", False),
    ]
    own = parse_abbreviations(
        ["Qısaltmalar:", "TN – Azərbaycan Respublikasının Təhsil Nazirliyi", "XİN - Xarici İşlər"]
    )
    assert own == {"TN": "Azərbaycan Respublikasının Təhsil Nazirliyi", "XİN": "Xarici İşlər"}
    assert _agencies("TN, DMX", own) == [
        ("ETN", "Təhsil Nazirliyi", False),
        ("DMX", "Dövlət Miqrasiya Xidməti", False),
    ]


def test_a_named_body_the_list_lacks_is_kept_for_a_person_to_correct():
    entries = parse_executors("Kosmik Tədqiqatlar Agentliyi, Səhiyyə Nazirliyi")
    assert [(e.kind, e.name, e.abbr) for e in entries] == [
        ("unknown", "Kosmik Tədqiqatlar Agentliyi", None),
        ("agency", "Səhiyyə Nazirliyi", "SN"),
    ]


@pytest.mark.parametrize("sep", ["\n", ",\n", " ,  ", ";"])
def test_paragraphs_and_separators_do_not_matter(sep):
    text = sep.join(["Daxili İşlər Nazirliyi", "Dövlət Miqrasiya Xidməti"])
    assert [a for a, _n, _b in _agencies(text)] == ["DİN", "DMX"]


def test_empty_cell_gives_nothing():
    assert parse_executors("") == [] and parse_executors("  ,  ") == []
