"""Segmentation on invented reports: every heading form, section headings, cross-references,
repeated sub-items, the preamble and what falls into no sub-item."""

import pytest

from ctip.extraction import extract
from ctip.extraction.headings import is_section_heading, parse_heading


def items(text):
    return [(i["code"], i["title"]) for i in extract(text)["items"] if i["code"]]


def item(text, code):
    return next(i for i in extract(text)["items"] if i["code"] == code)


# --- one heading per form ----------------------------------------------------------------


def test_parenthesised_title_after_yarimbend_uzre():
    text = (
        "5.3.2-ci yarımbənd üzrə (Könüllülərin (gənclərin) hazırlanması):\n\n"
        "Hesabat ilində 12 könüllü hazırlanmışdır."
    )
    assert items(text) == [("5.3.2", "Könüllülərin (gənclərin) hazırlanması")]
    assert item(text, "5.3.2")["text"] == "Hesabat ilində 12 könüllü hazırlanmışdır."


@pytest.mark.parametrize(
    "heading",
    [
        "Tədbirlər Planının 2.3.4-cü bəndinin icrası ilə bağlı:\n«Sahibkarlar üçün seminarların təşkili»",
        "Tədbirlər Planının 2.3.4-cü bəndinin icrası ilə bağlı:\nSahibkarlar üçün seminarların\ntəşkili",
        "Tədbirlər Planının 2.3.4-cü bəndinin icrası ilə bağlı: “Sahibkarlar üçün seminarların təşkili”",
        "Tədbirlər Planının 2.3.4-cü bəndinin icrası ilə bağlı:\n\nSahibkarlar üçün seminarların təşkili",
    ],
)
def test_plan_item_phrase_with_title_quoted_or_not_on_the_same_or_next_lines(heading):
    text = heading + "\n\nRayonlarda 4 seminar keçirilmiş, 90 sahibkar iştirak etmişdir."
    assert items(text) == [("2.3.4", "Sahibkarlar üçün seminarların təşkili")]
    facts = item(text, "2.3.4")["facts"]
    assert [(f["value"], f["unit"]) for f in facts if f["type"] == "quantity"] == [
        (4, "seminar"),
        (90, "sahibkar"),
    ]


def test_numbered_title_then_icra_veziyyeti_paragraph():
    text = (
        "3.2.1. Sosial müəssisələrdə yoxlamaların aparılması\n\n"
        "İcra vəziyyəti: Hesabat dövründə 15 müəssisə yoxlanılmışdır.\n\n"
        "3.2.2. Yoxlamaların nəticələrinin ümumiləşdirilməsi\n\n"
        "Nəticələr ümumiləşdirilmişdir."
    )
    assert items(text) == [
        ("3.2.1", "Sosial müəssisələrdə yoxlamaların aparılması"),
        ("3.2.2", "Yoxlamaların nəticələrinin ümumiləşdirilməsi"),
    ]
    assert item(text, "3.2.1")["text"] == "Hesabat dövründə 15 müəssisə yoxlanılmışdır."


def test_numbered_title_wrapped_then_body_on_the_next_line_without_a_blank():
    text = (
        "2.1.3. Gənclər arasında insan alverinin təhlükələri barədə məlumatlandırma\n"
        "tədbirlərinin təşkili\n"
        "2019-cu il mayın 5-də 12 rayonda aksiya keçirilmişdir.\n"
        "Yarımbənd 2.1.4: Dərsliklərə mövzuya dair mətnlərin daxil edilməsi\n"
        "Nazirlik 3 dərslik hazırlamışdır."
    )
    assert items(text) == [
        (
            "2.1.3",
            "Gənclər arasında insan alverinin təhlükələri barədə məlumatlandırma "
            "tədbirlərinin təşkili",
        ),
        ("2.1.4", "Dərsliklərə mövzuya dair mətnlərin daxil edilməsi"),
    ]
    assert item(text, "2.1.3")["text"] == "2019-cu il mayın 5-də 12 rayonda aksiya keçirilmişdir."
    assert item(text, "2.1.4")["text"] == "Nazirlik 3 dərslik hazırlamışdır."


def test_a_title_wrapped_before_a_capitalised_name_stays_whole():
    text = (
        "4.1.2. Qurbanlara yardım göstərilməsi üçün\n"
        "Bakı şəhərində sığınacağın yaradılması\n\n"
        "Sığınacaq yaradılmışdır."
    )
    assert items(text) == [
        ("4.1.2", "Qurbanlara yardım göstərilməsi üçün Bakı şəhərində sığınacağın yaradılması")
    ]
    text = (
        "4.1.3. Qurbanların müdafiəsi sahəsində Azərbaycan Respublikası\n"
        "Nazirlər Kabinetinin qərarlarının icrası\n\n"
        "Qərarlar icra edilmişdir."
    )
    assert items(text) == [
        (
            "4.1.3",
            "Qurbanların müdafiəsi sahəsində Azərbaycan Respublikası Nazirlər Kabinetinin "
            "qərarlarının icrası",
        )
    ]


def test_yarimbend_label_with_title_wrapped_over_lines():
    text = (
        "Yarımbənd 6.1.4: Dəmir yolu vağzallarında məlumat lövhələrinin\n"
        "yerləşdirilməsi və yenilənməsi\n\n"
        "Vağzallarda 8 lövhə yerləşdirilmişdir.\n\n"
        "6.1.5-ci yarımbəndin icrası:\n(Sərnişin daşıyan şirkətlərlə görüşlərin keçirilməsi)\n\n"
        "Görüşlər keçirilmişdir."
    )
    assert items(text) == [
        ("6.1.4", "Dəmir yolu vağzallarında məlumat lövhələrinin yerləşdirilməsi və yenilənməsi"),
        ("6.1.5", "Sərnişin daşıyan şirkətlərlə görüşlərin keçirilməsi"),
    ]


def test_bend_label_then_tedbir_label_then_icra_veziyyeti():
    text = (
        "Bənd 2.2.7\nTədbir: Universitetlərdə mühazirələrin oxunması\n"
        "İcra vəziyyəti: 6 universitetdə mühazirə oxunmuşdur.\n\n"
        "Bənd 2.2.8\nTədbir: Tələbələr arasında sorğunun aparılması\n"
        "İcra vəziyyəti: Sorğuda 400 tələbə iştirak etmişdir."
    )
    assert items(text) == [
        ("2.2.7", "Universitetlərdə mühazirələrin oxunması"),
        ("2.2.8", "Tələbələr arasında sorğunun aparılması"),
    ]
    assert item(text, "2.2.8")["text"] == "Sorğuda 400 tələbə iştirak etmişdir."


def test_heading_alone_takes_the_next_paragraph_as_its_title():
    text = (
        "1.3.2-ci bənd\n\nİşəgötürənlər üçün məsləhət xidmətinin yaradılması\n\n"
        "Xidmət 1 mart tarixindən fəaliyyət göstərir."
    )
    assert items(text) == [("1.3.2", "İşəgötürənlər üçün məsləhət xidmətinin yaradılması")]
    assert item(text, "1.3.2")["text"] == "Xidmət 1 mart tarixindən fəaliyyət göstərir."


def test_two_level_codes_of_an_earlier_plan_with_quoted_titles_and_executors():
    text = (
        "II. Maarifləndirmə\n\n"
        "2.6. «Məktəblilər üçün viktorinaların keçirilməsi»\n"
        "İcraçılar: Təhsil Nazirliyi. İcra müddəti: 2016–2018-ci illər.\n\n"
        "    Viktorinalarda 300 şagird iştirak etmişdir.\n\n"
        "2.11. «Valideynlərlə görüşlərin təşkili»\n\n"
        "    Görüşlər keçirilmişdir."
    )
    result = extract(text)
    assert items(text) == [
        ("2.6", "Məktəblilər üçün viktorinaların keçirilməsi"),
        ("2.11", "Valideynlərlə görüşlərin təşkili"),
    ]
    first = next(i for i in result["items"] if i["code"] == "2.6")
    assert first["fields"] == {"executors": "Təhsil Nazirliyi", "deadline": "2016–2018-ci illər"}
    assert first["text"] == "Viktorinalarda 300 şagird iştirak etmişdir."


# --- not sub-items -----------------------------------------------------------------------


def test_section_headings_are_not_sub_items_and_are_reported_unassigned():
    text = (
        "1. Profilaktika\n\n1.1.1. Broşürlərin çapı\n\nBroşürlər çap edilmişdir.\n\n"
        "III. Beynəlxalq əməkdaşlıq\n\n3.4 Regional əməkdaşlıq\n\n"
        "3.4.2. Qonşu ölkələrlə görüşlər\n\nGörüşlər keçirilmişdir."
    )
    result = extract(text)
    assert items(text) == [("1.1.1", "Broşürlərin çapı"), ("3.4.2", "Qonşu ölkələrlə görüşlər")]
    assert [u["text"] for u in result["unassigned"]] == [
        "1. Profilaktika",
        "III. Beynəlxalq əməkdaşlıq",
        "3.4 Regional əməkdaşlıq",
    ]
    assert all(u["kind"] == "section_heading" for u in result["unassigned"])
    for u in result["unassigned"]:
        assert result["text"][u["span"][0] : u["span"][1]] == u["text"]


def test_cross_references_never_open_a_sub_item():
    text = (
        "4.4.1-ci yarımbəndin icrası:\n(Qaynar xəttin işinin təkmilləşdirilməsi)\n\n"
        "Bu barədə məlumat\n4.4.6-cı yarımbənd üzrə hesabatda verilmişdir (bax: 4.4.6).\n\n"
        "4.4.6-cı yarımbənddə qeyd edildiyi kimi, operatorlar təlim keçmişdir."
    )
    assert [c for c, _t in items(text)] == ["4.4.1"]
    assert "4.4.6-cı yarımbənddə qeyd edildiyi kimi" in item(text, "4.4.1")["text"]


def test_a_numbered_sentence_is_not_a_heading():
    assert (
        parse_heading("2.1. Hesabat ilində 5 təlim keçirilmişdir. Təlimlərdə iştirak olub.") is None
    )
    assert parse_heading("4.7.3-cü yarımbənd üzrə hesabatda əks olunmuşdur.") is None
    assert parse_heading("15.02.2024 tarixli məktubla göndərilmişdir.") is None


def test_numbered_lists_stay_in_the_body():
    text = (
        "2.5.1. Sorğu vərəqələrinin hazırlanması\n\nVərəqəyə suallar əlavə edilmişdir:\n"
        "1) iş şəraiti;\n2) əmək haqqı.\n\nSorğu davam edir."
    )
    assert [c for c, _t in items(text)] == ["2.5.1"]
    assert item(text, "2.5.1")["text"].endswith("Sorğu davam edir.")


def test_section_heading_forms():
    assert is_section_heading("IV. Qurbanlara yardım")
    assert is_section_heading("2. Profilaktika")
    assert not is_section_heading("2. Hesabat ilində 3 görüş keçirilmişdir. Sonra davam edib.")


# --- repeated sub-items, preamble, closing --------------------------------------------------


def test_a_sub_item_reported_twice_is_merged_with_both_parts():
    text = (
        "Yarımbənd 7.2.1: Sərhədçilərin təlimi\n\nMartın 3-də 20 zabit təlim keçmişdir.\n\n"
        "Yarımbənd 7.2.2: Avadanlığın alınması\n\n5 skaner alınmışdır.\n\n"
        "7.2.1-ci yarımbəndin icrası (əlavə məlumat):\n\nİyunun 9-da daha 14 zabit qoşulmuşdur."
    )
    result = extract(text)
    assert [i["code"] for i in result["items"]] == ["7.2.1", "7.2.2"]
    merged = result["items"][0]
    assert merged["title"] == "Sərhədçilərin təlimi" and merged["repeated"]
    assert merged["text"].endswith("İyunun 9-da daha 14 zabit qoşulmuşdur.")
    assert len(merged["spans"]) == 2
    assert {"kind": "merged_repeat", "code": "7.2.1"} in result["flags"]


def test_preamble_is_the_item_without_code_and_gives_agency_year_and_plan():
    text = (
        "AZƏRBAYCAN RESPUBLİKASININ GƏNCLƏR VƏ İDMAN NAZİRLİYİ\n\n"
        "“Azərbaycan Respublikasında insan alverinə qarşı mübarizəyə dair 2025–2029-cu illər "
        "üçün Milli Fəaliyyət Planı”nın Gənclər və İdman Nazirliyinə aid bəndlərinin 2026-cı "
        "ildə icrası barədə\n\nMƏLUMAT\n\n"
        "Yarımbənd 1.2.3: Gənclər mərkəzlərində söhbətlər\n\nMayın 14-də söhbət keçirilmişdir."
    )
    result = extract(text)
    assert result["items"][0]["code"] is None
    assert result["report"]["agency"] == "GİN"
    assert result["report"]["year"] == 2026
    assert result["report"]["plan"]["years"] == [2025, 2029]
    assert result["report"]["plan"]["code"] == "NAP-2025-2029"
    # a day without a year takes the report's year
    (date,) = [f for f in item(text, "1.2.3")["facts"] if f["type"] == "date"]
    assert date["start"] == "2026-05-14"


def test_a_department_under_its_ministry_letterhead_reports_for_the_ministry():
    text = (
        "AZƏRBAYCAN RESPUBLİKASI DAXİLİ İŞLƏR NAZİRLİYİ\n"
        "İnsan Alverinə qarşı Mübarizə İdarəsi\n\n"
        "Milli Fəaliyyət Planının 2019-cu il üzrə icrasına dair məlumat\n\n"
        "Yarımbənd 2.2.1: Reydlərin keçirilməsi\n\nReydlər keçirilmişdir."
    )
    report = extract(text)["report"]
    assert (report["agency"], report["agency_name"]) == ("DİN", "Daxili İşlər Nazirliyi")
    assert report["year"] == 2019


def test_the_plan_with_its_years_in_brackets():
    text = (
        "MƏDƏNİYYƏT NAZİRLİYİ\n\nMilli Fəaliyyət Planının (2025–2029) 2026-cı il üzrə icrası "
        "haqqında məlumat\n\nBənd 3.3.1\nTədbir: Muzeylərdə sərgilərin təşkili\n"
        "İcra vəziyyəti: 2 sərgi təşkil edilmişdir."
    )
    report = extract(text)["report"]
    assert report["plan"]["years"] == [2025, 2029] and report["plan"]["code"] == "NAP-2025-2029"
    assert report["year"] == 2026


def test_letter_preamble_agency_is_the_sender_not_the_addressee():
    text = (
        "MƏDƏNİYYƏT NAZİRLİYİ\n\nDaxili İşlər Nazirliyinə\n\n"
        "Milli Fəaliyyət Planının icrası barədə 2021-ci il üzrə məlumatı təqdim edirik.\n\n"
        "Bənd 3.3.1\nTədbir: Muzeylərdə sərgilərin təşkili\n"
        "İcra vəziyyəti: 2 sərgi təşkil edilmişdir.\n\nHörmətlə,\n\nNazir müavini  [imza]"
    )
    result = extract(text)
    assert result["report"]["agency"] == "MN" and result["report"]["year"] == 2021
    assert result["report"]["plan"] == {
        "years": None,
        "code": None,
        "name": "Milli Fəaliyyət Planı",
    }
    assert item(text, "3.3.1")["text"] == "2 sərgi təşkil edilmişdir."
    (closing,) = result["unassigned"]
    assert closing["kind"] == "closing" and closing["text"].startswith("Hörmətlə")


def test_spans_and_pages_point_back_into_the_document_text():
    text = "Giriş.\n\n1.1.1. Birinci tədbir\n\nBirinci mətn.\f1.1.2. İkinci tədbir\n\nİkinci mətn."
    result = extract(text)
    first, second = result["items"][1:]
    s, e = first["spans"][0]
    assert result["text"][s:e] == "1.1.1. Birinci tədbir\n\nBirinci mətn."
    assert (first["pages"], second["pages"]) == ([1], [2])


def test_a_short_title_in_parentheses_after_the_phrase_is_a_title_not_a_note():
    text = "4.5.1-ci yarımbəndin icrası (Sığınacaqların təmiri):\n\nTəmir başa çatmışdır."
    assert items(text) == [("4.5.1", "Sığınacaqların təmiri")]


def test_phrase_heading_ending_in_gorulmus_isler_takes_the_next_paragraph_as_title():
    text = (
        "Planın 5.4.2-ci bəndi üzrə görülmüş işlər:\n\nMiqrantlar üçün qaynar xəttin işi\n\n"
        "Xəttə 900 zəng daxil olmuşdur."
    )
    assert items(text) == [("5.4.2", "Miqrantlar üçün qaynar xəttin işi")]
