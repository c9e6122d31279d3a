"""Document and person forms on invented sentences (one form per test)."""

import pytest

from ctip.extraction import extract_facts
from ctip.extraction.persons import name_word


def facts(text, kind):
    found = extract_facts(text, default_year=2023)
    for f in found:
        assert text[f["span"][0] : f["span"][1]] == f["text"]
    return [f for f in found if f["type"] == kind]


def docs(text):
    return [(d["kind"], d["number"], d["date"]) for d in facts(text, "document")]


def names(text):
    return [f["name"] for f in facts(text, "person")]


# --- documents ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "04.04.2023 tarixli № 7/21-318 saylı məktubla göndərilmişdir",
            ("letter", "7/21-318", "2023-04-04"),
        ),
        ("№ 7/21-318 saylı məktubla göndərilmişdir", ("letter", "7/21-318", None)),
        ("2023-cü il 9 iyun tarixli 15 nömrəli birgə əmri ilə", ("order", "15", "2023-06-09")),
        (
            "2023-cü il 9 iyun tarixli 3/2023 nömrəli Əməkdaşlıq Sazişi",
            ("agreement", "3/2023", "2023-06-09"),
        ),
        (
            "Milli Məclisin 2019-cu il 3 may tarixli 2071-VQD nömrəli Qanunu",
            ("law", "2071-VQD", "2019-05-03"),
        ),
        (
            "İşçi qrupunun 6 fevral 2023-cü il tarixli 2/23 nömrəli Protokolu ilə",
            ("protocol", "2/23", "2023-02-06"),
        ),
        (
            "direktorunun 12 yanvar 2023-cü il tarixli 8-Q nömrəli Təlimatı ilə",
            ("instruction", "8-Q", "2023-01-12"),
        ),
        (
            "səfirliyin 2023-cü il 2 mart tarixli 41/117 nömrəli notası ilə",
            ("letter", "41/117", "2023-03-02"),
        ),
        (
            "Nazirliyin 5 oktyabr 2023-cü il tarixli AZ-2023/55 saylı məktubu",
            ("letter", "AZ-2023/55", "2023-10-05"),
        ),
        ("Prezidentin 1234 nömrəli Fərmanı ilə", ("decree", "1234", None)),
    ],
)
def test_numbered_document_forms(text, expected):
    assert docs(text) == [expected]


def test_a_document_keeps_the_day_it_was_signed_not_the_day_it_arrived():
    signed = (
        "Tərəflər arasında 2023-cü il 11 aprel tarixində imzalanmış 9/23 nömrəli Protokola əsasən"
    )
    assert docs(signed) == [("protocol", "9/23", "2023-04-11")]
    received = "Nazirliyə 2023-cü il 11 aprel tarixində daxil olmuş 9/23 nömrəli məktubda"
    assert docs(received) == [("letter", "9/23", None)]
    assert [f["start"] for f in facts(received, "date")] == ["2023-04-11"]


def test_a_protocol_takes_the_day_of_the_meeting_it_records():
    text = "12 may 2023-cü il tarixində Komissiyada keçirilmiş iclasın 5 nömrəli Protokolu ilə"
    assert docs(text) == [("protocol", "5", "2023-05-12")]


def test_a_list_closed_by_a_plural_kind_word_gives_one_document_per_number():
    text = "3 iyul 2023-cü il tarixli 2/90 nömrəli və 14.07.2023 tarixli 2/97 nömrəli məktublar göndərilmişdir."
    assert docs(text) == [("letter", "2/90", "2023-07-03"), ("letter", "2/97", "2023-07-14")]


def test_numbers_that_name_no_document():
    assert docs("Şəhər 5 nömrəli tam orta məktəbində görüş keçirilmişdir.") == []
    assert docs("Vətəndaşlar 118 000 nömrəli qaynar xəttə zəng etmişlər.") == []
    assert docs("Məhkəmənin hökmü ilə (iş № 2(101)-77/2023) o, cəzalandırılmışdır.") == []


# --- persons -----------------------------------------------------------------------------


def test_patronymic_in_both_orders_and_in_any_case():
    assert names("Şübhəli Rzayev Orxan Elman oğlunun barəsində") == ["Rzayev Orxan Elman oğlu"]
    assert names("Zərərçəkmiş Lalə Kamal qızı Əlizadəyə yardım göstərilmişdir") == [
        "Lalə Kamal qızı Əlizadə"
    ]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Mərkəzin psixoloqu Fidan Rüstəmova çıxış etmişdir", "Fidan Rüstəmova"),
        ("şöbənin müdiri Camal Əsgərlinin iştirakı ilə", "Camal Əsgərli"),
        ("Təlimi ekspert Tamar Gelashvili aparmışdır", "Tamar Gelashvili"),
        ("Nepal vətəndaşı Prakash Rai Gurungun şikayəti", "Prakash Rai Gurung"),
        ("polkovnik-leytenant Zaur Həşimov məruzə etmişdir", "Zaur Həşimov"),
        ("jurnalist Səbuhi Məlikzadə iştirak etmişdir", "Səbuhi Məlikzadə"),
    ],
)
def test_a_role_or_citizenship_word_before_a_name(text, name):
    assert names(text) == [name]


def test_two_names_after_one_cue_split_at_va():
    text = "Özbəkistan vətəndaşları Dilshod Karimov və Aziza Yusupova saxlanılmışdır"
    assert names(text) == ["Dilshod Karimov", "Aziza Yusupova"]


def test_surname_endings_without_a_cue():
    assert names("Tədbirdə Günay Hacıyeva və Elmar Quliyev iştirak etmişdir") == [
        "Günay Hacıyeva",
        "Elmar Quliyev",
    ]


def test_names_inside_place_or_body_names_are_not_persons():
    assert names("Heydər Əliyev Beynəlxalq Aeroportunda yoxlama aparılmışdır") == []
    assert names("Cəlil Məmmədquluzadə adına məktəbdə görüş keçirilmişdir") == []


def test_name_words_in_the_nominative():
    assert name_word("Kumarın") == "Kumar"
    assert name_word("Toktogulovanın") == "Toktogulova"
    assert name_word("Hüseynzadənin") == "Hüseynzadə"
    assert name_word("Məmmədova") == "Məmmədova"
    assert name_word("Nəsirli") == "Nəsirli"
    assert name_word("Rza") == "Rza"


def test_number_followed_by_the_abbreviated_nomreli():
    assert docs("2023-cü il 2 may tarixli 45 №-li məktubla") == [("letter", "45", "2023-05-02")]


def test_the_signing_date_may_stand_a_few_words_before_the_participle():
    text = (
        "2023-cü il 3 oktyabr tarixində qonşu ölkənin nazirliyi ilə imzalanmış "
        "7/2023 nömrəli Memorandum çərçivəsində"
    )
    assert docs(text) == [("agreement", "7/2023", "2023-10-03")]
