"""Builds the binary held-out cases (DOCX, XLSX, PDF, PNG) beside this file from the text below.

Run: .venv/bin/python tests/extraction/cases/make_cases.py
The built files are committed (small); this script says how they were made and rebuilds them.
Every agency's wording, name and number here is invented for these tests.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FONTS = HERE.parents[2] / "ctip" / "static" / "fonts"

# Ministry of Labour 2023: one table, columns № | Planın bəndi | Tədbirin adı | İcra vəziyyəti |
# İcraçı; a statistics table in the preamble; merged section rows; the executor merged down.
LABOUR_PREAMBLE = [
    "AZƏRBAYCAN RESPUBLİKASI ƏMƏK VƏ ƏHALİNİN SOSİAL MÜDAFİƏSİ NAZİRLİYİ",
    "İnsan alverinə qarşı mübarizəyə dair 2020–2024-cü illər üçün Milli Fəaliyyət Planının "
    "2023-cü ildə icrası barədə hesabat",
    "Hesabat Nazirliyin struktur bölmələrindən və tabe qurumlarından alınmış məlumatlar "
    "əsasında hazırlanmışdır. Əsas göstəricilər aşağıdakı cədvəldə verilir.",
]
LABOUR_STATS = [
    ["Göstərici", "2022", "2023"],
    ["Yoxlanılmış agentliklər", "19", "27"],
    ["Peşə kurslarına cəlb olunanlar", "15", "23"],
]
LABOUR_HEADER = ["№", "Planın bəndi", "Tədbirin adı", "İcra vəziyyəti", "İcraçı"]
LABOUR_ROWS = [
    ("section", "4. Profilaktika və maarifləndirmə"),
    (
        "1",
        "4.1.3",
        "Əmək miqrantlarının hüquqlarına dair məlumatlandırma kampaniyalarının keçirilməsi",
        [
            "2023-cü il fevralın 14-dən martın 3-dək Bakı, Gəncə və Lənkəran şəhərlərində 18 "
            "məlumat sessiyası keçirilmiş, sessiyalarda 640 nəfər iştirak etmişdir.",
            "Kampaniya çərçivəsində 4 500 vərəqə paylanmışdır.",
        ],
        "Nazirlik",
    ),
    (
        "2",
        "4.2.6",
        "Məşğulluq agentliklərinin fəaliyyətinin insan alveri riskləri baxımından yoxlanılması",
        [
            "Nazirin 2023-cü il 11 aprel tarixli F-112 nömrəli əmri ilə yoxlama qrafiki təsdiq "
            "edilmişdir. Yoxlamalar nəticəsində 9 agentliyə xəbərdarlıq edilmiş, 3 agentliyin "
            "fəaliyyəti dayandırılmışdır.",
            "Yoxlamaların nəticələri 12–13.10.2023 tarixlərində keçirilmiş müşavirədə müzakirə "
            "olunmuşdur.",
        ],
        None,  # merged with the cell above
    ),
    (
        "3",
        "4.4.2",
        "İnsan alverindən zərər çəkmiş şəxslərin peşə hazırlığı kurslarına cəlb edilməsi",
        [
            "Hesabat ilində insan alverindən zərər çəkmiş 23 şəxs peşə hazırlığı kurslarına cəlb "
            "edilmiş, onlardan 11-i işlə təmin olunmuşdur. Kurslar 3 ay müddətində keçirilmiş, "
            "hər iştirakçıya aylıq 250 manat təqaüd ödənilmişdir.",
            "Kursların təlimçisi Elnur Vahid oğlu Cabbarlı olmuşdur.",
        ],
        "Dövlət Məşğulluq Agentliyi",
    ),
    ("section", "5. Beynəlxalq əməkdaşlıq"),
    (
        "4",
        "5.1.1",
        "Xarici ölkələrdə işləyən Azərbaycan vətəndaşlarının hüquqlarının müdafiəsi məqsədilə "
        "ikitərəfli sazişlərin hazırlanması",
        [
            "Qətər Dövləti ilə əmək miqrasiyası sahəsində əməkdaşlığa dair 2023-cü il 7 iyun "
            "tarixli 15/23 nömrəli Anlaşma Memorandumu imzalanmışdır. Memorandumun layihəsi "
            "Türkiyə Respublikasının Əmək və Sosial Təminat Nazirliyi ilə də müzakirə olunmuşdur.",
            "Birləşmiş Ərəb Əmirliklərində işləyən 6 vətəndaşın müraciəti Xarici İşlər "
            "Nazirliyinə göndərilmişdir.",
        ],
        "Nazirlik",
    ),
    (
        "5",
        "5.2.4",
        "Beynəlxalq təşkilatlarla birgə təlimlərin keçirilməsi",
        [
            "Beynəlxalq Əmək Təşkilatının ekspertləri Maria Lindqvist və Tomasz Wróbel tərəfindən "
            "2023-cü il noyabrın 21-də əmək müfəttişləri üçün təlim keçirilmişdir. Təlimdə 35 "
            "müfəttiş iştirak etmişdir. Təlim Heydər Əliyev Mərkəzində keçirilmişdir."
        ],
        None,
    ),
]


def build_labour_docx(path: Path) -> None:
    import docx  # heavy: python-docx

    doc = docx.Document()
    for text in LABOUR_PREAMBLE:
        doc.add_paragraph(text)
    stats = doc.add_table(rows=0, cols=3)
    for row in LABOUR_STATS:
        cells = stats.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    doc.add_paragraph("")
    table = doc.add_table(rows=1, cols=len(LABOUR_HEADER))
    for cell, text in zip(table.rows[0].cells, LABOUR_HEADER, strict=True):
        cell.text = text
    above = None
    for row in LABOUR_ROWS:
        cells = table.add_row().cells
        if row[0] == "section":
            merged = cells[0].merge(cells[-1])
            merged.text = row[1]
            above = None
            continue
        number, code, title, body, executor = row
        cells[0].text, cells[1].text, cells[2].text = number, code, title
        cells[3].text = body[0]
        for para in body[1:]:
            cells[3].add_paragraph(para)
        if executor is None and above is not None:
            above.merge(cells[4])
        else:
            cells[4].text = executor or ""
            above = cells[4]
    doc.save(path)


# Ministry of Science and Education 2022: Excel, a title row, then a header in other words.
EDUCATION_TITLE = [
    "Azərbaycan Respublikasının Elm və Təhsil Nazirliyi",
    "2020–2024-cü illər üçün Milli Fəaliyyət Planının 2022-ci ildə icrasına dair məlumat",
]
EDUCATION_HEADER = [
    "Sıra №",
    "Bəndin nömrəsi",
    "Tədbirin məzmunu",
    "İcra müddəti",
    "Görülmüş işlər",
]
EDUCATION_ROWS = [
    ("section", "3. Maarifləndirmə"),
    (
        1,
        "3.2.4.",
        "Ümumtəhsil müəssisələrində insan alverinin qarşısının alınmasına dair tədris-metodik "
        "vəsaitlərin hazırlanması",
        "2022",
        "Nazirliyin 2022-ci il 9 fevral tarixli 3/245 nömrəli məktubu ilə məktəblərə metodik "
        "tövsiyələr göndərilmişdir. 1 200 nüsxə vəsait çap edilmiş və 65 məktəbə paylanmışdır.",
    ),
    (
        2,
        "3.2.7.",
        "Şagirdlər arasında insan alverinə qarşı mübarizə mövzusunda müsabiqələrin keçirilməsi",
        "2021–2024",
        "Mayın 16-dan iyunun 10-dək respublika üzrə inşa müsabiqəsi keçirilmiş, müsabiqəyə "
        "2 340 şagird qatılmışdır.\nQaliblər Nigar Əliyeva və Tofiq Rzazadə iyunun 24-də "
        "mükafatlandırılmışdır.",
    ),
    (
        3,
        "3.3.1",
        "Müəllimlər üçün insan alverinin əlamətlərinə dair təlimlərin təşkili",
        "Hər il",
        "Ötən ilin dekabr ayında başlanmış təlim silsiləsi cari ilin aprel ayında başa "
        "çatdırılmışdır. Təlimlərdə 410 müəllim iştirak etmişdir. Təlimlər 16 saatlıq proqram "
        "üzrə aparılmışdır. Təlimçilərdən biri Ukrayna vətəndaşı Iryna Bondarenko olmuşdur.",
    ),
    ("section", "4. Tərəfdaşlıq"),
    (
        4,
        "4.6.9",
        "Beynəlxalq təşkilatlarla birgə layihələrin həyata keçirilməsi",
        "2022",
        "UNICEF-in Azərbaycan nümayəndəliyi ilə 2022-ci il 3 mart tarixli Əməkdaşlıq Sazişinə "
        "uyğun olaraq 12 rayonda uşaq hüquqları klubları yaradılmışdır. Layihənin yekun "
        "konfransı 2022-ci il 29 noyabr – 1 dekabr tarixlərində keçirilmişdir.",
    ),
]


def build_education_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Hesabat"
    width = len(EDUCATION_HEADER)
    for text in EDUCATION_TITLE:
        sheet.append([text])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width
        )
    sheet.append([])
    sheet.append(EDUCATION_HEADER)
    for row in EDUCATION_ROWS:
        if row[0] == "section":
            sheet.append([row[1]])
            sheet.merge_cells(
                start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width
            )
        else:
            sheet.append(list(row))
    book.save(path)


# Ministry of Youth and Sports 2018, plan 2014–2018: a PDF with a running header, `Səhifə N / M`
# footers, a footnote, line-end hyphens and a paragraph cut by a page break; two-level codes.
YOUTH_HEADER = "Gənclər və İdman Nazirliyi – 2018-ci il üzrə hesabat"
YOUTH_PAGES = [
    (
        """AZƏRBAYCAN RESPUBLİKASININ GƏNCLƏR VƏ İDMAN NAZİRLİYİ

İnsan alverinə qarşı mübarizəyə dair 2014–2018-ci illər üçün Milli Fəaliyyət
Planının 2018-ci ildə icrası barədə hesabat

II. Profilaktika tədbirləri

2.1.3. Gənclər arasında insan alverinin təhlükələri barədə maarifləndirmə
tədbirlərinin təşkili
2018-ci il aprelin 5-dən mayın 20-dək 14 rayonda “Təhlükəsiz gələcək” aksiyası
keçirilmişdir. Aksiya çərçivəsində keçirilmiş görüşlərdə 3 150 gənc iştirak et-
miş, 8 000 buklet paylanmışdır. Aksiyanın təşkilində Gənclər Fondu və yerli icra
hakimiyyətləri yaxından iştirak etmişlər.

2.1.7. Gənclər təşkilatları üçün tədris-metodik vəsaitin hazırlanması
Nazirliyin 2018-ci il 26 iyun tarixli 312 nömrəli əmri ilə təsdiq edilmiş tədris-
metodik vəsait¹ gənclər evlərinə göndərilmişdir. Vəsaitin hazırlanmasında təc-
rübəli psixoloqlar və hüquqşünaslar iştirak etmişlər.""",
        "¹ Vəsaitin ilk variantı 2017-ci il 14 dekabr tarixli 88 nömrəli əmrə əsasən "
        "hazırlanmışdır.",
    ),
    (
        """III. Tərəfdaşlıq və könüllülük

3.2. “Könüllülərin insan alverinə qarşı mübarizə tədbirlərinə cəlb edilməsi”
Hesabat dövründə 120 könüllü hazırlanmış, onlar Gəncə, Şəki və Quba şəhərlərində
36 görüş keçirmişlər. Könüllülərin fəaliyyətinə Gülnar Məmmədzadə və Rəşad
İsmayıllı rəhbərlik etmişlər. Sentyabrın 28-də Qazaxıstan və Özbəkistan gənclər
təşkilatlarının nümayəndələri ilə təcrübə mübadiləsi görüşü keçiril-""",
        None,
    ),
    (
        """mişdir. Görüşün yekununda birgə bəyanat qəbul edilmişdir.

3.5. “Gənclər layihələrinin maliyyələşdirilməsi”
Gənclər Fondunun 2018-ci il 2 oktyabr tarixli 7/18 saylı qərarı ilə 4 layihə maliy-
yələşdirilmiş, hər birinə 5 000 manat ayrılmışdır. Layihələr 6 ay müddətində
həyata keçirilmişdir. Layihə rəhbərlərindən biri 19 yaşlı tələbə olmuşdur.""",
        None,
    ),
]


def build_youth_pdf(path: Path) -> None:
    from html import escape

    import weasyprint  # heavy

    pages = []
    for body, footnote in YOUTH_PAGES:
        note = f'<div class="note"><hr>{escape(footnote)}</div>' if footnote else ""
        pages.append(f'<div class="page"><pre>{escape(body)}</pre>{note}</div>')
    css = f"""
    @font-face {{ font-family: S; src: url("{(FONTS / "DejaVuSerif.ttf").as_uri()}"); }}
    @page {{ size: A4; margin: 25mm 20mm;
      @top-center {{ content: "{YOUTH_HEADER}"; font: 9pt S; }}
      @bottom-center {{ content: "Səhifə " counter(page) " / " counter(pages); font: 9pt S; }} }}
    body {{ font: 10.5pt/1.4 S; }}
    pre {{ font: inherit; margin: 0; white-space: pre; }}
    .page {{ position: relative; height: 240mm; page-break-after: always; }}
    .page:last-child {{ page-break-after: auto; }}
    .note {{ position: absolute; bottom: 0; font-size: 8.5pt; }}
    .note hr {{ width: 50mm; margin: 0 0 2mm 0; text-align: left; }}
    """
    html = f"<html><head><style>{css}</style></head><body>{''.join(pages)}</body></html>"
    weasyprint.HTML(string=html).write_pdf(path)


# Ministry of Culture 2022: a one-page scan (text rendered to an image, read by Tesseract).
CULTURE_SCAN = """AZƏRBAYCAN RESPUBLİKASININ MƏDƏNİYYƏT NAZİRLİYİ

İnsan alverinə qarşı mübarizəyə dair 2020–2024-cü illər üçün Milli Fəaliyyət
Planının 2022-ci ildə icrasına dair məlumat

4.8.1. Mədəniyyət müəssisələrində maarifləndirici tədbirlərin keçirilməsi
İyulun 30-da Ümumdünya İnsan Alverinə Qarşı Mübarizə Günü münasibətilə
22 kitabxanada sərgi təşkil edilmişdir. Sentyabrın 12-dən 16-dək regionlarda
kitab təqdimatları keçirilmişdir.

4.8.5. İnsan alveri mövzusunda teatr tamaşalarının hazırlanması
Nazirin 2022-ci il 14 aprel tarixli 155 nömrəli əmri ilə “Qaranlıq yol” tamaşası
hazırlanmış, tamaşanı 1 800 tamaşaçı izləmişdir. Tamaşanın quruluşçu rejissoru
Fərid Abbaszadə olmuşdur.

6.2.3. Beynəlxalq mədəniyyət festivallarında mövzuya dair layihələrin təqdimatı
2022-ci il 5–9 oktyabr tarixlərində Gürcüstanın Batumi şəhərində keçirilmiş
festivalda 5 aktyor iştirak etmişdir."""


def build_culture_png(path: Path) -> None:
    from PIL import Image, ImageDraw, ImageFont  # heavy

    font = ImageFont.truetype(str(FONTS / "DejaVuSerif.ttf"), 34)
    image = Image.new("L", (2000, 1500), 255)
    draw = ImageDraw.Draw(image)
    y = 120
    for line in CULTURE_SCAN.splitlines():
        draw.text((120, y), line, font=font, fill=20)
        y += 52
    # A scanner's slight skew; white where the page turned in.
    image = image.rotate(0.4, resample=Image.Resampling.BICUBIC, fillcolor=255)
    image.save(path, dpi=(200, 200))


# Ministry of Digital Development and Transport 2023: Heading 1 sections, `Bənd` / `Tədbir:` /
# `İcra vəziyyəti:` paragraphs, a statistics table inside a sub-item, the plan named in brackets.
TRANSPORT = [
    ("title", "AZƏRBAYCAN RESPUBLİKASININ RƏQƏMSAL İNKİŞAF VƏ NƏQLİYYAT NAZİRLİYİ"),
    (
        "p",
        "İnsan alverinə qarşı mübarizəyə dair Milli Fəaliyyət Planının (2020–2024) 2023-cü il "
        "üzrə icrası haqqında məlumat",
    ),
    ("h1", "I. Profilaktika"),
    ("b", "Bənd 4.3.1"),
    (
        "p",
        "Tədbir: Nəqliyyat vasitələrində insan alverinə dair məlumat materiallarının "
        "yerləşdirilməsi",
    ),
    (
        "p",
        "İcra vəziyyəti: 2023-cü il 1 iyul – 31 avqust tarixlərində Bakı Metropoliteninin 25 "
        "stansiyasında 400 afişa yerləşdirilmişdir. Heydər Əliyev adına Beynəlxalq Aeroportda 6 "
        "monitor quraşdırılmışdır.",
    ),
    ("table", [["Göstərici", "2022", "2023"], ["Yerləşdirilmiş afişalar", "250", "400"]]),
    ("b", "Bənd 4.3.4"),
    (
        "p",
        "Tədbir: Nəqliyyat sektorunda çalışan sürücülər üçün maarifləndirici görüşlərin "
        "keçirilməsi",
    ),
    (
        "p",
        "İcra vəziyyəti: Nazirliyin 2023-cü il 28 avqust tarixli 3-Ə/227 nömrəli Təlimatına "
        "əsasən cari ilin sentyabrın 5-də keçirilmiş görüşlərdə 312 sürücü iştirak etmişdir. "
        "Görüşlərdə psixoloq Məmmədli Aysel Rafiq qızı çıxış etmişdir.",
    ),
    ("h1", "II. Beynəlxalq əməkdaşlıq"),
    ("b", "Bənd 5.2.2"),
    (
        "p",
        "Tədbir: Beynəlxalq daşımalarda insan alverinin qarşısının alınması üzrə "
        "əməkdaşlığın genişləndirilməsi",
    ),
    (
        "p",
        "İcra vəziyyəti: Qazaxıstan Respublikasının Nəqliyyat Nazirliyi ilə 2023-cü il 12 "
        "oktyabr tarixində Protokol imzalanmışdır. İran və Türkiyə daşıma şirkətləri ilə 3 görüş "
        "keçirilmişdir. Noyabrın 6-dan dekabrın 1-dək Beynəlxalq Miqrasiya Təşkilatının eksperti "
        "Ahmet Kaya sürücülər üçün seminarlar aparmışdır.",
    ),
]


def build_transport_docx(path: Path) -> None:
    import docx  # heavy: python-docx

    doc = docx.Document()
    for kind, content in TRANSPORT:
        if kind == "title":
            doc.add_heading(content, level=0)
        elif kind == "h1":
            doc.add_heading(content, level=1)
        elif kind == "b":
            doc.add_paragraph().add_run(content).bold = True
        elif kind == "table":
            table = doc.add_table(rows=0, cols=len(content[0]))
            for row in content:
                for cell, text in zip(table.add_row().cells, row, strict=True):
                    cell.text = text
        else:
            doc.add_paragraph(content)
    doc.save(path)


# State Tourism Agency 2021: a PDF with `1/3` page numbers beside a running footer, a running
# header, two-level codes in `6.12-ci bənd üzrə (…)` headings with brackets inside the title,
# and a continuation heading `(əlavə məlumat)`.
TOURISM_PAGES = [
    """AZƏRBAYCAN RESPUBLİKASI DÖVLƏT TURİZM AGENTLİYİ

“İnsan alverinə qarşı mübarizəyə dair 2020–2024-cü illər üçün Milli Fəaliyyət Planı”nın
2021-ci il üzrə icrasına dair hesabat

6.12-ci bənd üzrə (Turizm müəssisələrinin işçiləri arasında insan alverinin
əlamətlərinə dair maarifləndirmə işinin aparılması (mehmanxanalar, turizm
agentlikləri)):
Hesabat dövründə 48 mehmanxananın əməkdaşları üçün seminarlar təşkil olunmuş,
seminarlarda 730 işçi iştirak etmişdir. Seminarlar 12–16.04.2021 və 20–24.09.2021
tarixlərində Bakı, Şəki və Qəbələ şəhərlərində keçirilmişdir.

6.14-cü bənd üzrə (Turistlərə insan alverinə dair xəbərdarlıq məlumatlarının
çatdırılması):
Agentliyin 2021-ci il 19 may tarixli 02-14/118 nömrəli məktubu ilə turizm agentliklərinə
tövsiyələr göndərilmişdir. Hava limanlarında 15 000 kitabça paylanmış, təyyarələrdə
3 aylıq videoçarx nümayiş etdirilmişdir.""",
    """6.14-cü bənd üzrə (əlavə məlumat):
İyulun 1-dən avqustun 31-dək Qəbələ və Quba rayonlarında 9 turizm informasiya mərkəzində
Rusiya, Səudiyyə Ərəbistanı və Küveyt vətəndaşı olan turistlər üçün məlumat guşələri
yaradılmışdır. Layihəni Agentliyin əməkdaşı Leyla Hacızadə əlaqələndirmişdir.""",
    """7.3-cü bənd üzrə (Turizm sahəsində çalışan qeyri-hökumət təşkilatları ilə birgə
layihələrin həyata keçirilməsi):
Cari ilin oktyabrın 4-də “Təhlükəsiz səyahət” ictimai birliyi ilə birgə layihəyə start
verilmişdir. Layihə çərçivəsində 2 500 tələbəyə mühazirələr oxunmuşdur. Layihənin
büdcəsi 12 000 manat təşkil etmişdir.""",
]


def build_tourism_pdf(path: Path) -> None:
    from html import escape

    import weasyprint  # heavy

    pages = "".join(f'<div class="page"><pre>{escape(body)}</pre></div>' for body in TOURISM_PAGES)
    css = f"""
    @font-face {{ font-family: S; src: url("{(FONTS / "DejaVuSans.ttf").as_uri()}"); }}
    @page {{ size: A4; margin: 22mm 18mm;
      @top-right {{ content: "Dövlət Turizm Agentliyi"; font: 8pt S; }}
      @bottom-left {{ content: "DTA | 2021"; font: 8pt S; }}
      @bottom-right {{ content: counter(page) "/" counter(pages); font: 8pt S; }} }}
    body {{ font: 10pt/1.45 S; }}
    pre {{ font: inherit; margin: 0; white-space: pre; }}
    .page {{ page-break-after: always; }}
    .page:last-child {{ page-break-after: auto; }}
    """
    html = f"<html><head><style>{css}</style></head><body>{pages}</body></html>"
    weasyprint.HTML(string=html).write_pdf(path)


# State Committee for Refugees and IDPs 2024: Excel, the header on the fourth row in other words
# (`Fəaliyyət Planının bəndi`, `İcraçı orqan`, `Görülən işlər`), codes written `4.4.1-ci bənd`,
# a second sheet of statistics.
REFUGEES_TITLE = [
    "AZƏRBAYCAN RESPUBLİKASI QAÇQINLARIN VƏ MƏCBURİ KÖÇKÜNLƏRİN İŞLƏRİ ÜZRƏ DÖVLƏT KOMİTƏSİ",
    "2020–2024-cü illər üçün Milli Fəaliyyət Planının icrasına dair 2024-cü il üzrə hesabat",
]
REFUGEES_HEADER = [
    "Fəaliyyət Planının bəndi",
    "Tədbir",
    "İcra müddəti",
    "İcraçı orqan",
    "Görülən işlər",
]
REFUGEES_ROWS = [
    (
        "4.4.1-ci bənd",
        "Məcburi köçkün ailələrinin insan alveri risklərinə dair məlumatlandırılması",
        "Hər il",
        "Komitə",
        "2024-cü il ərzində 36 yaşayış məntəqəsində 1 870 ailə ilə görüşlər keçirilmişdir. "
        "Görüşlər may ayının 6-dan iyun ayının 14-dək davam etmişdir.",
    ),
    (
        "4.4.3-cü bənd",
        "Risk qrupuna aid gənclərin peşə kurslarına cəlb edilməsi",
        "2023–2024",
        "Komitə, ƏƏSMN",
        "Komitənin 2024-cü il 15 yanvar tarixli 7/Q nömrəli qərarı ilə 140 gənc peşə kurslarına "
        "göndərilmiş, onlardan 96-sı işlə təmin olunmuşdur. Kurslar 4 ay davam etmişdir. Kurs "
        "rəhbəri Səbuhi Tağızadə olmuşdur.",
    ),
    (
        "6.2.2-ci bənd",
        "Beynəlxalq humanitar təşkilatlarla əməkdaşlığın davam etdirilməsi",
        "Daim",
        "Komitə",
        "BMT-nin Qaçqınlar üzrə Ali Komissarlığı ilə birgə 2024-cü il 2–4 oktyabr tarixlərində "
        "Gəncə şəhərində təlim keçirilmişdir. Təlimdə Gürcüstan və Moldova nümayəndələri də "
        "iştirak etmişdir. Təlimdə 28 iştirakçı olmuşdur.",
    ),
]


def build_refugees_xlsx(path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Hesabat"
    for text in REFUGEES_TITLE:
        sheet.append([text])
    sheet.append([])
    sheet.append(REFUGEES_HEADER)
    for row in REFUGEES_ROWS:
        sheet.append(list(row))
    stats = book.create_sheet("Statistika")
    for row in (["İl", "Ailələr", "Gənclər"], [2023, 1540, 118], [2024, 1870, 140]):
        stats.append(row)
    book.save(path)


BUILDERS = {
    "emek-2023.docx": build_labour_docx,
    "tehsil-2022.xlsx": build_education_xlsx,
    "gmn-2018.pdf": build_youth_pdf,
    "medeniyyet-2022-scan.png": build_culture_png,
    "rinn-2023.docx": build_transport_docx,
    "dta-2021.pdf": build_tourism_pdf,
    "qmkdk-2024.xlsx": build_refugees_xlsx,
}


def main(argv: list[str]) -> int:
    names = argv or list(BUILDERS)
    for name in names:
        BUILDERS[name](HERE / name)
        print(f"built {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
