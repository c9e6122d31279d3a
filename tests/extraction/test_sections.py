from ctip.extraction import extract
from ctip.extraction.cleaning import clean_text
from ctip.extraction.sections import split_sections

SEED_CODES = [
    "4.1.6",
    "4.1.9",
    "4.2.1",
    "4.2.4",
    "4.2.9",
    "4.2.10",
    "4.3.3",
    "4.3.4",
    "4.3.5",
    "4.3.6",
    "4.4.8",
    "4.4.9",
    "4.5.8",
    "4.6.3",
    "4.6.6",
    "4.7.1",
    "4.7.2",
    "4.7.3",
    "4.7.4",
    "4.7.7",
    "4.8.1",
    "4.8.3",
    "4.8.4",
]


def test_headings_split_sections_and_titles_keep_nested_parentheses():
    text = clean_text(
        "4.2.9-cu yarımbənd üzrə (qurbanı olan (zərər çəkmiş və ya\n\nehtimal olunan) vətəndaşlar):\n\n"
        "Birinci mətn.\n\n"
        "4.7.4-cü yarımbənd üzrə (Müvəkkilinin (Ombudsman) Aparatı):\n\nİkinci mətn."
    )
    sections = split_sections(text)
    assert [(s.code, s.title, s.text) for s in sections] == [
        ("4.2.9", "qurbanı olan (zərər çəkmiş və ya ehtimal olunan) vətəndaşlar", "Birinci mətn."),
        ("4.7.4", "Müvəkkilinin (Ombudsman) Aparatı", "İkinci mətn."),
    ]


def test_references_to_sub_items_are_not_headings():
    text = "4.7.4-cü yarımbənd üzrə (Təlimlər):\n\nMəlumatlar 4.7.2-ci yarımbənddə qeyd olunmuşdur."
    sections = split_sections(text)
    assert [s.code for s in sections] == ["4.7.4"]
    assert sections[0].text.endswith("4.7.2-ci yarımbənddə qeyd olunmuşdur.")


def test_text_before_first_heading_is_a_section_without_code():
    sections = split_sections("Giriş mətni.\n\n4.1.6-cı yarımbənd üzrə (Başlıq):\n\nMətn.")
    assert [(s.code, s.title) for s in sections] == [(None, None), ("4.1.6", "Başlıq")]
    assert sections[0].text == "Giriş mətni."


def test_document_without_headings_is_one_section_with_facts():
    result = extract("Nazirlər Kabinetinin 2021-ci il 1 dekabr tarixli 377 nömrəli Qərarı.")
    assert len(result["items"]) == 1
    item = result["items"][0]
    assert item["code"] is None and item["title"] is None
    assert {f["type"] for f in item["facts"]} >= {"date", "document", "organization"}


def test_ordinal_suffix_variants_are_headings():
    text = "4.2.10-cu yarımbənd üzrə (A):\n\nX.\n\n4.3.3-cü yarımbənd üzrə (B):\n\nY."
    assert [s.code for s in split_sections(text)] == ["4.2.10", "4.3.3"]


def test_seed_has_exactly_the_23_sub_items(seed_result):
    assert [item["code"] for item in seed_result["items"]] == SEED_CODES


SEED_TITLES = {
    # code: (first words, last words, length of the cleaned title)
    "4.1.6": ("Xidmət sektorunda işləyən", "əlaqədar təkliflər hazırlanması", 236),
    "4.1.9": ("İnsan alveri qurbanları", "tərkibinin yenidən formalaşdırılması", 444),
    "4.2.1": ("İnsan alveri probleminin", "hazırlanması və yayımlanması", 156),
    "4.2.4": ("Qanunsuz miqrasiyanın, ölkə", "monitorinqlərin davam etdirilməsi", 409),
    "4.2.9": ("İnsan alverinə qarşı mübarizə ilə", "polis qurumuna təqdim edilməsi", 359),
    "4.2.10": ("Respublika ərazisində turizmin", "qabaqlayıcı tədbirlər hazırlanması", 232),
    "4.3.3": ("İnsan alveri və məcburi əmək cinayətləri", "birgə təlimlər keçirilməsi", 368),
    "4.3.4": ("İnsan alveri ilə bağlı transmilli", "tədbirlərin gücləndirilməsi", 275),
    "4.3.5": ("Respublika daxilində insan alveri", "məsuliyyət tədbirlərinin görülməsi", 416),
    "4.3.6": ("Dilənçiliklə məşğul olan uşaqlarla", "qarşı tədbirlərin görülməsi", 410),
    "4.4.8": (
        "Azərbaycan Respublikasının xarici ölkələrdəki",
        "mənafelərinin müdafiə olunması",
        246,
    ),
    "4.4.9": ("Xarici ölkələrdə insan alverindən", "ehtiyaclarının qarşılanması", 224),
    "4.5.8": ("Şəxsiyyəti təsdiq edən sənədi", "tədbirlərin davam etdirilməsi", 116),
    "4.6.3": (
        "İnsan alverinə qarşı mübarizənin səmərəliliyinin",
        "əməkdaşlığın gücləndirilməsi",
        330,
    ),
    "4.6.6": ("İnsan alveri və məcburi əməklə", "əlaqələndiricilərin müəyyən olunması", 216),
    "4.7.1": (
        "Hüquq-mühafizə orqanlarının, bu sahədə",
        "maarifləndirmə tədbirlərinin keçirilməsi",
        623,
    ),
    "4.7.2": ("İnsan alverinə qarşı mübarizəyə dair", "mövzuların daxil edilməsi", 367),
    "4.7.3": ("Effektiv sərhəd nəzarəti", "preventiv hazırlığın gücləndirilməsi", 174),
    "4.7.4": ("İnsan alveri qurbanlarının hüquqi yardımdan", "mövzusunun da daxil edilməsi", 405),
    "4.7.7": ("Hüquq-mühafizə orqanlarının və insan", "tədris kurslarının təşkil edilməsi", 242),
    "4.8.1": ("İnsan alverinə qarşı mübarizədə təbliğat", "istifadənin təşviq edilməsi", 349),
    "4.8.3": ("Məcburi əmək riskləri barədə", "əməkçi miqrantlar arasında keçirilməsi", 123),
    "4.8.4": (
        "İnsan alveri ilə bağlı keçirilən",
        "qiymətləndirilməsi təcrübəsinin tətbiq edilməsi",
        184,
    ),
}


def test_seed_titles(seed_items):
    for code, (first, last, length) in SEED_TITLES.items():
        title = seed_items[code]["title"]
        assert title.startswith(first), code
        assert title.endswith(last), code
        assert len(title) == length, code
        assert "\n" not in title and "  " not in title


def test_seed_nested_parentheses_in_titles(seed_items):
    assert (
        "(insan alverindən zərər çəkmiş və ya zərər çəkməsi ehtimal olunan)"
        in seed_items["4.2.9"]["title"]
    )
    assert "(onları əvəz edən şəxslərə)" in seed_items["4.3.6"]["title"]
    assert "(ixtisaslaşmış peşə hazırlığı)" in seed_items["4.7.4"]["title"]


def test_seed_bodies(seed_items):
    assert seed_items["4.1.6"]["text"].startswith("Bu bəndin icrası ilə bağlı")
    assert seed_items["4.8.3"]["text"].startswith("14 iyun 2022-ci il tarixdə")
    assert seed_items["4.7.4"]["text"].endswith(
        "Təlimlər barədə məlumatlar 4.7.2-ci yarımbənddə qeyd olunmuşdur."
    )
    assert seed_items["4.8.4"]["text"].endswith("dərəcəsinin müəyyənləşdirilməsidir.")
    for item in seed_items.values():
        assert "yarımbənd üzrə (" not in item["text"]


def test_blank_input_is_an_extraction_error():
    import pytest

    from ctip.extraction import ExtractionError

    with pytest.raises(ExtractionError, match="no text"):
        extract(" \n\n \f ")


def test_extraction_does_not_import_django():
    import subprocess
    import sys

    code = "import sys, ctip.extraction as e; e.extract('Bakı, 7 sentyabr 2022-ci il.'); assert not any(m.startswith('django') for m in sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_statistics_annex_heading_ends_the_last_body_in_every_language():
    for heading in ("Statistika əlavəsi", "Statistical annex", "Статистическое приложение"):
        raw = (
            "4.1.6-cı yarımbənd üzrə (Başlıq):\n\n2022-ci il 9 iyun tarixdə təlim keçirilmişdir.\n"
            f"3\n\n\n{heading}\nTəlimlər aylar üzrə\nİyun 25\n4.1.7-ci yarımbənd üzrə (X): mətn."
        )
        items = extract(raw)["items"]
        assert [i["code"] for i in items] == ["4.1.6"], heading
        assert items[0]["text"] == "2022-ci il 9 iyun tarixdə təlim keçirilmişdir."
        assert [f["type"] for f in items[0]["facts"]] == ["date"]


def test_annex_words_inside_a_paragraph_do_not_end_the_body():
    raw = "4.1.6-cı yarımbənd üzrə (Başlıq):\n\nStatistika əlavəsi hazırlanmışdır.\n\nSon."
    items = extract(raw)["items"]
    assert items[0]["text"] == "Statistika əlavəsi hazırlanmışdır.\n\nSon."
