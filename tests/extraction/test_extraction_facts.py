"""One rule at a time, on short made-up sentences (facts are checked for span integrity)."""

import pytest

from ctip.extraction import extract_facts


def facts(text, kind):
    found = extract_facts(text)
    for f in found:
        assert text[f["span"][0] : f["span"][1]] == f["text"]
    return [f for f in found if f["type"] == kind]


# --- dates -------------------------------------------------------------------------------


def test_dates_come_with_iso_start_and_end():
    (d,) = facts("18-20 may 2022-ci il tarixlərində görüş keçirildi.", "date")
    assert (d["start"], d["end"]) == ("2022-05-18", "2022-05-20")
    (d,) = facts("03.12.2022-ci il tarixdə", "date")
    assert d["start"] == d["end"] == "2022-12-03"


# --- documents ---------------------------------------------------------------------------


def test_decision_with_issuer():
    (doc,) = facts(
        "Nazirlər Kabinetinin 2021-ci il 1 dekabr tarixli 377 nömrəli Qərarı ilə", "document"
    )
    assert doc["kind"] == "decision" and doc["number"] == "377"
    assert doc["date"] == "2021-12-01" and doc["issuer"] == "NK" and doc["recipient"] is None


def test_letter_with_recipient_before_the_date():
    text = "Azərbaycan Respublikasının Baş Prokurorluğuna 03.12.2022-ci il tarixli 06/2231 nömrəli məktub ünvanlanmışdır."
    (doc,) = facts(text, "document")
    assert (doc["kind"], doc["number"], doc["date"]) == ("letter", "06/2231", "2022-12-03")
    assert doc["recipient"] == "BP" and doc["issuer"] is None


def test_letter_from_an_organisation_in_the_ablative():
    text = "Xarici İşlər Nazirliyindən Xidmətə daxil olmuş 24 oktyabr 2022-ci il tarixli 2/15-10742/05/22 nömrəli məktubda"
    (doc,) = facts(text, "document")
    assert doc["issuer"] == "XİN" and doc["number"] == "2/15-10742/05/22"


def test_letter_with_recipient_after_the_kind_word():
    text = "Dövlət Miqrasiya Xidmətinin münasibəti 2022-ci il 5 mart tarixli 02/416 nömrəli məktubla Nazirlər Kabinetinə təqdim olunmuşdur."
    (doc,) = facts(text, "document")
    assert (doc["issuer"], doc["recipient"]) == ("DMX", "NK")


def test_number_with_year_in_parentheses_and_resolution_kind():
    text = "Nazirlər Kabinetinin 2022-ci il 26 fevral tarixli 4969/29644aid (2021) nömrəli dərkənarı ilə"
    (doc,) = facts(text, "document")
    assert (doc["kind"], doc["number"]) == ("resolution", "4969/29644aid (2021)")


def test_order_issued_by_a_head_of_service():
    text = "Dövlət Miqrasiya Xidməti rəisinin 05 mart 2018-ci il tarixli 26 nömrəli əmri ilə"
    (doc,) = facts(text, "document")
    assert (doc["kind"], doc["number"], doc["date"], doc["issuer"]) == (
        "order",
        "26",
        "2018-03-05",
        "DMX",
    )


def test_plural_kind_word_applies_to_each_number_of_the_list():
    text = (
        "Ombudsman Aparatına 17.02.2022-ci il tarixli 02/270 nömrəli, QHT-lərə Dövlət Dəstəyi "
        "Agentliyinə isə 17.02.2022-ci il tarixli 02/272 nömrəli məktublar ünvanlanmışdır."
    )
    docs = facts(text, "document")
    assert [(d["kind"], d["number"], d["recipient"]) for d in docs] == [
        ("letter", "02/270", "Ombudsman"),
        ("letter", "02/272", "QHTDDA"),
    ]


def test_letter_without_number_needs_date_and_letter_in_one_clause():
    (doc,) = facts(
        "18.10.2022-ci il tarixdə Daxili İşlər Nazirliyinin aidiyyəti qurumuna məktub ünvanlanmışdır.",
        "document",
    )
    assert (doc["kind"], doc["number"], doc["date"], doc["recipient"]) == (
        "letter",
        None,
        "2022-10-18",
        "DİN",
    )
    assert (
        facts(
            "15 mart 2022-ci il tarixdə tədbir keçirildi. Quruma məktub ünvanlanmışdır.", "document"
        )
        == []
    )


def test_negated_letter_is_not_a_document():
    assert (
        facts("15 mart 2022-ci il tarixdə aidiyyəti quruma məktub ünvanlanmamışdır.", "document")
        == []
    )


def test_signed_agreement_without_number():
    text = "21 iyun 2022-ci il tarixdə “Qanunsuz miqrasiyaya qarşı mübarizə sahəsində əməkdaşlıq haqqında Saziş” imzalanmışdır."
    (doc,) = facts(text, "document")
    assert (doc["kind"], doc["number"], doc["date"]) == ("agreement", None, "2022-06-21")
    assert doc["title"].endswith("haqqında Saziş")


def test_numbered_document_without_date():
    (doc,) = facts("Prezidentin 1234 nömrəli Fərmanı ilə", "document")
    assert (doc["kind"], doc["number"], doc["date"]) == ("decree", "1234", None)


# --- quantities --------------------------------------------------------------------------


def q(text, kind="quantity"):
    return [(f["value"], f["unit"], f.get("qualifier")) for f in facts(text, kind)]


def test_quantities_take_the_dictionary_form_of_the_counted_noun():
    assert q("ölkəyə 362 şəxsin readmissiyası") == [(362, "şəxs", None)]
    assert q("128 işçi təlimə cəlb olunmuşdur") == [(128, "işçi", None)]
    assert q("39 nəfərin çıxarılması") == [(39, "nəfər", None)]
    assert q("139 əməkdaşı, 11 tövsiyənin, 188 ölkəni, 50 miqrant, 9 məktub") == [
        (139, "əməkdaş", None),
        (11, "tövsiyə", None),
        (188, "ölkə", None),
        (50, "miqrant", None),
        (9, "məktub", None),
    ]


def test_listed_nouns_stay_whole_and_inflected_ones_lose_their_endings():
    assert q("12 000 vərəqə paylanmış, 6 iclas keçirilmiş, 14 göstərici razılaşdırılmışdır") == [
        (12000, "vərəqə", None),
        (6, "iclas", None),
        (14, "göstərici", None),
    ]
    assert q("4 uşağın, 3 səfirliyin, 1 284 vətəndaşımız və 7 üzvü") == [
        (4, "uşaq", None),
        (3, "səfirlik", None),
        (1284, "vətəndaş", None),
        (7, "üzv", None),
    ]


def test_an_unlisted_noun_keeps_a_genitive_look_alike_when_nothing_is_possessed():
    assert q("Keçiddə 418 yolçunun sənədləri yoxlanılmışdır") == [(418, "yolçu", None)]
    assert q("Bağda 40 zeytin əkilmiş, 12 qoyun satılmışdır") == [
        (40, "zeytin", None),
        (12, "qoyun", None),
    ]


def test_money_is_a_quantity_with_its_currency():
    (f,) = facts("Layihəyə 25 300 manat ayrılmışdır", "quantity")
    assert (f["value"], f["unit"], f["currency"]) == (25300, "manat", "AZN")


@pytest.mark.parametrize(
    "text, value, unit, currency",
    [
        ("Layihəyə 100 ABŞ dolları ayrılmışdır", 100, "dollar", "USD"),
        ("Təşkilata 2 500 Rusiya rublu köçürülmüşdür", 2500, "rubl", "RUB"),
        ("Qrant üzrə 5 min avro verilmişdir", 5000, "avro", "EUR"),
        ("Büdcədən 2 milyon manat ayrılmışdır", 2_000_000, "manat", "AZN"),
    ],
)
def test_money_named_with_its_country_or_in_thousands_is_one_quantity(text, value, unit, currency):
    """A currency named with its country (`ABŞ dolları`) is money, not a mention of the
    country; `min` and `milyon` multiply the number before the noun they count."""
    (f,) = facts(text, "quantity")
    assert (f["value"], f["unit"], f["currency"]) == (value, unit, currency)
    assert f["text"].endswith(text.split()[-2])
    assert not facts(text, "country")


def test_thousands_multiply_counted_people_too():
    assert q("Tədbirlərə 12 min nəfər cəlb edilmişdir") == [(12000, "nəfər", None)]


def test_durations_ages_and_kinds_are_their_own_types():
    assert q("20 il müddətinə, 6 ay davam edən, 24 saat ərzində", "duration") == [
        (20, "il", None),
        (6, "ay", None),
        (24, "saat", None),
    ]
    assert q("16 saatlıq kurs", "duration") == [(16, "saat", None)]
    assert q("14 yaşınadək uşaqlar və 16 yaşlı qız", "age") == [
        (14, "yaş", None),
        (16, "yaş", None),
    ]
    assert q("3 halda, 2 dəfə, 4 növ və 5 dildə", "count") == [
        (3, "hal", None),
        (2, "dəfə", None),
        (4, "növ", None),
        (5, "dil", None),
    ]
    assert q("20 il müddətinə, 14 yaşınadək, 3 halda") == []


def test_counted_phrases_of_two_or_more_words_are_counts():
    assert q("4 sərhəd buraxılış məntəqələrində", "count") == [
        (4, "sərhəd buraxılış məntəqəsi", None)
    ]
    assert q("21 tibb məntəqəsinə, 8 mobil briqadası və 5 beynəlxalq təşkilatın", "count") == [
        (21, "tibb məntəqəsi", None),
        (8, "mobil briqadası", None),
        (5, "beynəlxalq təşkilat", None),
    ]
    assert q("21 tibb məntəqəsinə və 5 beynəlxalq təşkilatın") == []
    # a listed noun followed by an adjective or an unlisted word is still one noun
    assert q("9 qurban tibbi müayinədən, 14 əcnəbi qurbanın") == [
        (9, "qurban", None),
        (14, "əcnəbi", None),
    ]


def test_an_adjective_after_the_number_opens_a_counted_phrase():
    assert q("2 ictimai birlik, 5 hüquqi şəxs və 7 regional mərkəz", "count") == [
        (2, "ictimai birlik", None),
        (5, "hüquqi şəxs", None),
        (7, "regional mərkəz", None),
    ]
    assert q("15 kəndli ilə görüş keçirilmişdir") == [(15, "kəndli", None)]
    assert q("214 fərdi söhbət aparılmışdır", "count") == [(214, "fərdi söhbət", None)]
    assert q("4 övladı var, 12 sakini köçürülmüşdür") == [(4, "övlad", None), (12, "sakin", None)]


def test_approximations_are_counts_with_a_qualifier():
    (f,) = facts("50 nəfərdən çox əməkdaşı üçün", "count")
    assert (f["value"], f["unit"], f["qualifier"], f["text"]) == (
        50,
        "nəfər",
        "more_than",
        "50 nəfərdən çox",
    )
    assert q("100 nəfərə yaxın, təxminən 300 sakin", "count") == [
        (100, "nəfər", "about"),
        (300, "sakin", "about"),
    ]
    assert q("50 nəfərdən çox") == []


def test_not_quantities():
    assert q("7 sentyabr 2022-ci il tarixdə") == []
    assert q("2021-ci il 1 dekabr tarixli 377 nömrəli Qərarı") == []
    assert q("9-cu sessiyasında, 3-cü Komponenti, 13-cü və 4.7.2-ci yarımbənddə") == []
    assert q("Çağrı Mərkəzinin - (919 telefon nömrəsi)") == []
    assert q("“Miqrasiya Məktəbi - 4” layihəsi və “10 ilə vətəndaşsızlığa son” kampaniyası") == []
    assert q("COVİD-19 pandemiyası, MOBİLAZE-2 layihəsi, 02/416 nömrəli") == []
    assert q("onlardan 141-i əcnəbi, 72-si isə yerli, 24-cü konfransda") == []
    assert q("Ötən il bu göstərici 21 olmuşdur, 2019-da isə 17 idi.") == []
    assert q("sorğuların sayı 40 olub, cavablar 12 edib") == []


# --- organisations -----------------------------------------------------------------------


def orgs(text):
    return [(f["abbr"], f["text"]) for f in facts(text, "organization")]


def test_organisations_in_any_inflected_form_and_by_abbreviation():
    assert orgs("DİN-in əməkdaşları, DİN və Daxili İşlər Nazirliyinin") == [
        ("DİN", "DİN-in"),
        ("DİN", "DİN"),
        ("DİN", "Daxili İşlər Nazirliyinin"),
    ]
    assert orgs("Azərbaycan Respublikasının Daxili İşlər Nazirliyi tərəfindən") == [
        ("DİN", "Azərbaycan Respublikasının Daxili İşlər Nazirliyi"),
    ]
    assert orgs("DAXİLİ İŞLƏR NAZİRLİYİNƏ") == [("DİN", "DAXİLİ İŞLƏR NAZİRLİYİNƏ")]
    assert orgs("Baş Prokurorluğuna, TƏBİB-ə, Dövlət Miqrasiya Xidmətindən") == [
        ("BP", "Baş Prokurorluğuna"),
        ("TƏBİB", "TƏBİB-ə"),
        ("DMX", "Dövlət Miqrasiya Xidmətindən"),
    ]


def test_sub_unit_with_its_parent_is_one_fact_with_parent_link():
    (f,) = facts(
        "Daxili İşlər Nazirliyinin İnsan alverinə qarşı mübarizə baş idarəsi tərəfindən",
        "organization",
    )
    assert (f["abbr"], f["parent"], f["kind"]) == ("İAMBİ", "DİN", "sub_unit")
    (f,) = facts(
        "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi yanında Dövlət Əmək Müfəttişliyi Xidmətinin",
        "organization",
    )
    assert (f["abbr"], f["parent"]) == ("DƏMX", "ƏƏSMN")


def test_name_followed_by_its_own_abbreviation_is_one_fact():
    assert orgs("Beynəlxalq Miqrasiya Təşkilatı (BMqT) tərəfindən") == [
        ("IOM", "Beynəlxalq Miqrasiya Təşkilatı (BMqT)"),
    ]


def test_generic_service_word_is_not_an_organisation():
    assert orgs("Xidmət tərəfindən, Xidmətin əməkdaşları, xidmət sektorunda") == []
    assert orgs("din və vicdan azadlığı") == []


def test_transposed_letters_are_tolerated_in_long_names():
    (f,) = facts("Elm və Təhsil Nazilriyinə 4 məktub", "organization")
    assert f["abbr"] == "ETN" and f["fuzzy"] is True


def test_ngo_names_take_their_quotes():
    assert orgs("“Təmiz Dünya” Qadınlara Yardım İctimai Birliyi tərəfindən") == [
        ("TDQYİB", "“Təmiz Dünya” Qadınlara Yardım İctimai Birliyi"),
    ]


# --- countries ---------------------------------------------------------------------------


def countries(text):
    return [(f["code"], f["text"]) for f in facts(text, "country")]


def test_countries_inflected_and_with_state_words():
    assert countries("Yunanıstanda, Özbəkistana və ABŞ-a səfər") == [
        ("GR", "Yunanıstanda"),
        ("UZ", "Özbəkistana"),
        ("US", "ABŞ-a"),
    ]
    assert countries("Pakistan İslam Respublikasının vətəndaşları") == [
        ("PK", "Pakistan İslam Respublikasının")
    ]
    (f,) = facts("Türkmənistan vətəndaşı", "country")
    assert f["citizenship"] is True


def test_home_country_inside_a_national_body_is_dropped_a_foreign_one_counts():
    assert countries("Azərbaycan Respublikası Daxili İşlər Nazirliyi") == []
    assert countries("ABŞ Dövlət Departamentinin hesabatı") == [("US", "ABŞ")]
    assert [c for c, _t in countries("Polşa Ali Məhkəməsinin hakimi")] == ["PL"]
    assert countries("Azərbaycan Respublikası vətəndaşları") == [("AZ", "Azərbaycan Respublikası")]


def test_regions_and_languages_are_not_countries():
    assert (
        countries(
            "Avropa və Amerika ölkələrinə, Afrika mənşəli, İpək Yolu regionundan, Cənub-Şərqi Avropa"
        )
        == []
    )
    assert countries("3 dildə - Azərbaycan, ingilis və rus dillərində") == []
    assert countries("ərəb, fars, urdu, ingilis, rus və Azərbaycan dillərində") == []


def test_country_names_need_a_capital_and_a_real_ending():
    assert countries("maliyyə dəstəyi, mali vəziyyət") == []


# --- persons -----------------------------------------------------------------------------


def persons(text):
    return [f["name"] for f in facts(text, "person")]


def test_patronymic_names_in_dictionary_form():
    assert persons("vətəndaşı – Mikayılov Əbülfəz Adşirin oğlu və Ağayev Rauf Tofiq oğlunun") == [
        "Mikayılov Əbülfəz Adşirin oğlu",
        "Ağayev Rauf Tofiq oğlu",
    ]


def test_names_after_citizenship_and_title_cues():
    assert persons("Hindistan Respublikasının vətəndaşı Ravi Kumarın sənədləri") == ["Ravi Kumar"]
    assert persons("vətəndaşları Muhammad Amjad, Hussain Abid və Ramzan Muhammadın") == [
        "Muhammad Amjad",
        "Hussain Abid",
        "Ramzan Muhammad",
    ]
    assert persons("Türkmənistan vətəndaşı Batyr Rejepovun") == ["Batyr Rejepov"]
    assert persons("şöbəsinin rəisi, kiçik miqrasiya xidməti müşaviri Rüfət İbrahimov digər") == [
        "Rüfət İbrahimov"
    ]


def test_a_courtesy_word_between_given_name_and_surname():
    text = "Tədbirdə Səkinə xanım Nəbiyeva və Rauf bəy Quliyevin çıxışları dinlənilmişdir"
    found = facts(text, "person")
    assert [f["name"] for f in found] == ["Səkinə Nəbiyeva", "Rauf Quliyev"]
    assert [f["text"] for f in found] == ["Səkinə xanım Nəbiyeva", "Rauf bəy Quliyevin"]
    assert persons("Elçin müəllim Həsənov təlim keçmişdir") == ["Elçin Həsənov"]
    # a courtesy word after a place or a body names no one
    assert persons("Gəncə xanım Bakı") == []


def test_foreign_names_with_particles_and_a_place_after_the_name():
    assert persons("eksperti Pieter van Dijk Bakıda təlim keçmişdir") == ["Pieter van Dijk"]
    assert persons("ekspertləri Ludwig von Stein və Anna de la Cruz ilə") == [
        "Ludwig von Stein",
        "Anna de la Cruz",
    ]
    assert persons("mütəxəssisi Kamran Nəsirzadə Gəncəyə ezam olunmuşdur") == ["Kamran Nəsirzadə"]
    assert persons("vətəndaşı Məhəmməd Rza Əkbəriyə") == ["Məhəmməd Rza Əkbəri"]


def test_hyphenated_given_names_and_a_dative_only_where_something_governs_it():
    assert persons("Şurasının eksperti Jean-Luc Moreau olmuşdur") == ["Jean-Luc Moreau"]
    assert persons("UNICEF-in nümayəndəsi Sarah O’Connor çıxış etmişdir") == ["Sarah O’Connor"]
    assert persons("eksperti Ahmet Kaya sürücülər üçün seminar aparmışdır") == ["Ahmet Kaya"]
    assert persons("vətəndaşı Ravi Kumara sənəd verilmişdir") == ["Ravi Kumar"]
    assert persons("Sərhəd-buraxılış məntəqəsində") == []


def test_a_country_named_after_a_name_ends_it_and_a_name_in_dil_is_no_language():
    text = "biri – Özbəkistan vətəndaşı Dilnoza Karimova Rusiya Federasiyasında işləyərkən"
    assert persons(text) == ["Dilnoza Karimova"]
    assert [f["code"] for f in facts(text, "country")] == ["UZ", "RU"]
    assert facts("Azərbaycan, ingilis və rus dillərində", "country") == []


def test_a_title_word_opening_a_sentence_is_a_cue_too():
    assert persons("Xanım Olivia Bennett və cənab Tomas Novak iştirak etmişlər.") == [
        "Olivia Bennett",
        "Tomas Novak",
    ]
    assert persons("Görüşdə Ekspert Qrupunun üzvləri iştirak etmişdir.") == []


def test_person_forms_of_azerbaijani_names():
    assert persons("təlimçisi Elnur Vahid oğlu Cabbarlı olmuşdur") == ["Elnur Vahid oğlu Cabbarlı"]
    assert persons("mayoru Qurbanov Vüsal Elxan oğlunun rəhbərliyi ilə") == [
        "Qurbanov Vüsal Elxan oğlu"
    ]
    assert persons("direktoru Səadət Quliyeva iştirak etmişdir") == ["Səadət Quliyeva"]
    assert persons("Qaliblər Nigar Əliyeva və Tofiq Rzazadə mükafatlandırılmışdır") == [
        "Nigar Əliyeva",
        "Tofiq Rzazadə",
    ]
    assert persons("əməkdaşı Tahir Həsənlinin təklifi ilə") == ["Tahir Həsənli"]


def test_a_document_kind_after_its_number_is_not_a_person():
    assert persons("19 nömrəli Əməkdaşlıq Protokoluna uyğun aparılır") == []
    assert persons("5 saylı Nümunəvi Qaydalı") == []


def test_persons_are_pii_and_self_given_names_are_aliases():
    (f,) = facts("özünü Abid kimi təqdim edən", "person")
    assert f["pii"] is True and f["alias"] is True and f["name"] == "Abid"


def test_no_persons_among_capitalised_organisation_words():
    assert persons("Dövlət Miqrasiya Xidməti yanında İctimai Şuranın sədri tərəfindən") == []
    assert persons("Bakı şəhərində “Təmiz Dünya” Qadınlara Yardım İctimai Birliyi") == []
    assert persons("Filippin Respublikası vətəndaşları və bir qrup") == []


# --- robustness --------------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_PIECES = st.sampled_from(
    [
        "DİN-in",
        "Daxili İşlər Nazirliyinin",
        "2022-ci il",
        "7 sentyabr",
        "tarixli",
        "02/416",
        "nömrəli",
        "məktub",
        "Qərarı",
        "362",
        "şəxsin",
        "Yunanıstanda",
        "vətəndaşı",
        "Ravi",
        "Kumarın",
        "oğlu",
        "“",
        "”",
        "(",
        ")",
        ",",
        ".",
        "-",
        "\n\n",
        " ",
        "İ",
        "ı",
        "4.1.6-cı",
        "yarımbənd üzrə (",
        "ABŞ-a",
        "Azərbaycan Respublikası",
        "50 nəfərdən çox",
    ]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_PIECES, max_size=40).map(" ".join))
def test_any_text_gives_valid_spans(text):
    from ctip.extraction import extract

    for item in extract(text + " x")["items"]:
        for f in item["facts"]:
            s, e = f["span"]
            assert 0 <= s <= e <= len(item["text"]) and item["text"][s:e] == f["text"]
