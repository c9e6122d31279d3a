"""Readers that keep structure, on invented documents: DOCX, XLSX and PDF (text layer)."""

import zipfile

import pytest

from ctip.extraction import ExtractionError, extract_file, read_any
from ctip.extraction.cleaning import is_page_number
from ctip.extraction.readers import read_document
from ctip.extraction.tables import cell_role, code_of, read_item_table


def codes(result):
    return [i["code"] for i in result["items"] if i["code"]]


def by_code(result, code):
    return next(i for i in result["items"] if i["code"] == code)


def facts(item, kind):
    return [f for f in item["facts"] if f["type"] == kind]


# --- the table logic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "header, role",
    [
        ("S/s", "code"),
        ("№", "code"),
        ("Bənd", "code"),
        ("Yarımbəndin adı", "title"),
        ("Tədbirin adı", "title"),
        ("İcraçılar", "executors"),
        ("İcra müddəti", "deadline"),
        ("İCRA VƏZİYYƏTİ", "body"),
        ("Görülmüş işlər", "body"),
        ("Gözlənilən nəticə", "result"),
        ("Bəndin nömrəsi", "code"),
        ("Planın bəndi", "code"),
        ("Fəaliyyət Planının tədbiri", "title"),
        ("Tədbirin məzmunu", "title"),
        ("Görülən işlər", "body"),
        ("Fəaliyyət Planının bəndi", "code"),
        ("Cəmi", None),
    ],
)
def test_header_cells_are_recognised_by_their_words(header, role):
    assert cell_role(header) == role


def test_item_table_rows_in_any_column_order():
    rows = [
        ["Nazirliyin hesabatı", "", "", ""],
        ["İcra vəziyyəti", "Bənd", "İcraçı", "Tədbirin adı"],
        ["1", "2", "3", "4"],
        ["3.1. Maarifləndirmə", "", "", ""],
        ["12 seminar keçirilmişdir.\nSeminarlar davam edir.", "3.1.1.", "Nazirlik", "Seminarlar"],
        ["İcra vəziyyəti", "Bənd", "İcraçı", "Tədbirin adı"],
        ["Broşür çap edilmişdir.", "3.1.2", "", "Broşürlər"],
        ["Əlavə olaraq 2 000 nüsxə paylanmışdır.", "", "", ""],
    ]
    read = read_item_table(rows)
    assert [(r.kind, r.code, r.title) for r in read] == [
        ("preamble", None, None),
        ("section", None, None),
        ("item", "3.1.1", "Seminarlar"),
        ("item", "3.1.2", "Broşürlər"),
        ("continuation", None, None),
    ]
    assert read[2].body == ["12 seminar keçirilmişdir.", "Seminarlar davam edir."]
    assert read[2].fields == {"executors": "Nazirlik"}


def test_a_statistics_table_is_not_read_as_sub_items():
    assert (
        read_item_table([["İl", "Qadın", "Uşaq"], ["2022", "14", "3"], ["2023", "9", "5"]]) is None
    )


# --- DOCX --------------------------------------------------------------------------------


def _merged_row(table, text):
    row = table.add_row()
    cell = row.cells[0].merge(row.cells[-1])
    cell.text = text


def _row(table, values):
    row = table.add_row()
    for cell, value in zip(row.cells, values, strict=True):
        cell.text = value


def make_styled_docx(path):
    import docx

    d = docx.Document()
    d.add_paragraph("KƏND TƏSƏRRÜFATI NAZİRLİYİ", style="Title")
    d.add_paragraph("Milli Fəaliyyət Planının icrası barədə 2023-cü il üzrə hesabat.")
    d.add_heading("I. Məşğulluq", level=1)
    d.add_heading("1.4.2-ci bənd", level=2)
    d.add_paragraph().add_run("Fermer təsərrüfatlarında yoxlamaların aparılması").bold = True
    d.add_paragraph("Martın 6-da 11 təsərrüfat yoxlanılmışdır.")
    stats = d.add_table(rows=0, cols=3)
    _row(stats, ["İl", "Yoxlama", "Pozuntu"])
    _row(stats, ["2022", "40", "7"])
    d.add_paragraph("Cədvəldən sonra gələn mətn.")
    d.add_heading("1.4.3-cü bənd", level=2)
    d.add_paragraph().add_run("Mövsümi işçilərlə söhbətlər").bold = True
    d.add_paragraph("Söhbətlərdə 60 işçi iştirak etmişdir.")
    d.save(str(path))
    return path


def test_docx_body_in_document_order_with_heading_styles_and_tables(tmp_path):
    result = extract_file(make_styled_docx(tmp_path / "r.docx"))
    assert codes(result) == ["1.4.2", "1.4.3"]
    first = by_code(result, "1.4.2")
    assert first["title"] == "Fermer təsərrüfatlarında yoxlamaların aparılması"
    assert (
        first["text"] == "Martın 6-da 11 təsərrüfat yoxlanılmışdır.\n\nCədvəldən sonra gələn mətn."
    )
    assert first["tables"] == [[["İl", "Yoxlama", "Pozuntu"], ["2022", "40", "7"]]]
    assert [(f["value"], f["unit"]) for f in facts(first, "quantity")] == [(11, "təsərrüfat")]
    assert [f["start"] for f in facts(first, "date")] == ["2023-03-06"]
    assert result["report"]["agency"] is None and result["report"]["year"] == 2023
    assert [u["text"] for u in result["unassigned"]] == ["I. Məşğulluq"]


def make_table_docx(path):
    import docx

    d = docx.Document()
    t = d.add_table(rows=0, cols=4)
    _merged_row(t, "Turizm Agentliyinin Planın icrası ilə bağlı 2024-cü il üzrə hesabatı")
    _row(t, ["İcra vəziyyəti", "S/s", "İcra müddəti", "Tədbirin adı"])
    _merged_row(t, "6.2. Turizm sahəsində profilaktika")
    _row(
        t,
        [
            "Otellərdə 35 işçi təlimə cəlb edilmişdir.",
            "6.2.1.",
            "Hər il",
            "Otel işçilərinin təlimi",
        ],
    )
    _row(t, ["İcra vəziyyəti", "S/s", "İcra müddəti", "Tədbirin adı"])
    _row(t, ["18 plakat asılmışdır.", "6.2.2", "2024-cü il", "Hava limanlarında plakatlar"])
    d.save(str(path))
    return path


def test_docx_sub_item_table_with_merged_rows_read_once(tmp_path):
    path = make_table_docx(tmp_path / "t.docx")
    result = extract_file(path)
    assert codes(result) == ["6.2.1", "6.2.2"]
    assert by_code(result, "6.2.1")["title"] == "Otel işçilərinin təlimi"
    assert by_code(result, "6.2.1")["fields"] == {"deadline": "Hər il"}
    assert by_code(result, "6.2.2")["text"] == "18 plakat asılmışdır."
    # the merged title row is the preamble, once, not four times
    assert result["items"][0]["code"] is None
    assert result["items"][0]["text"].count("Turizm Agentliyinin") == 1
    assert result["report"]["year"] == 2024
    assert read_any(path).count("6.2. Turizm sahəsində profilaktika") == 1


def _add_footnotes(path, notes):
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t>{n}</w:t></w:r></w:p></w:footnote>'
        for i, n in enumerate(notes, 1)
    )
    xml = (
        f'<w:footnotes {ns}><w:footnote w:type="separator" w:id="-1"><w:p/></w:footnote>'
        f"{body}</w:footnotes>"
    )
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("word/footnotes.xml", xml)


def test_docx_footnotes_are_separated_from_the_body(tmp_path):
    path = make_styled_docx(tmp_path / "f.docx")
    _add_footnotes(path, ["Yoxlamalar planlı olmuşdur.", "Məlumat ilin sonuna görədir."])
    result = extract_file(path)
    assert result["footnotes"] == ["Yoxlamalar planlı olmuşdur.", "Məlumat ilin sonuna görədir."]
    assert all("planlı" not in i["text"] for i in result["items"])


# --- XLSX --------------------------------------------------------------------------------


def make_xlsx(path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Ekologiya Nazirliyinin 2022-ci il üzrə hesabatı"])
    ws.merge_cells("A1:C1")
    ws.append(["Tədbirin adı", "Bənd", "İcra vəziyyəti"])
    ws.append(
        ["Meşə təsərrüfatlarında yoxlamalar", "2.4.1.", "Avqustun 9-da 7 sahə yoxlanılmışdır."]
    )
    ws.append(["Ovçularla söhbətlər", "2.4.2", "Söhbətlərə 120 ovçu cəlb olunmuşdur."])
    stats = wb.create_sheet("Statistika")
    stats.append(["Rayon", "Yoxlama"])
    stats.append(["Şəki", 4])
    wb.save(str(path))
    return path


def test_xlsx_sheets_go_through_the_same_table_logic(tmp_path):
    result = extract_file(make_xlsx(tmp_path / "r.xlsx"))
    assert codes(result) == ["2.4.1", "2.4.2"]
    second = by_code(result, "2.4.2")
    assert second["title"] == "Ovçularla söhbətlər"
    assert [(f["value"], f["unit"]) for f in facts(second, "quantity")] == [(120, "ovçu")]
    assert [f["start"] for f in facts(by_code(result, "2.4.1"), "date")] == ["2022-08-09"]
    assert by_code(result, "2.4.2")["tables"] == [[["Rayon", "Yoxlama"], ["Şəki", "4"]]]


def test_corrupt_xlsx_is_refused_with_one_line(tmp_path):
    path = tmp_path / "bad.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("xl/workbook.xml", "<not xml")
    with pytest.raises(ExtractionError, match="corrupt XLSX"):
        read_document(path)


# --- PDF ---------------------------------------------------------------------------------

_PDF_STYLE = """
@page { size: A5; margin: 2cm 1.5cm;
  @top-center { content: "Su Ehtiyatları Agentliyi · 2023-cü il hesabatı"; font-size: 8pt }
  @bottom-center { content: "Səhifə " counter(page) " / " counter(pages); font-size: 8pt } }
body { font-family: DejaVu Serif; font-size: 11pt }
p { text-indent: 1cm; margin: 0 }
h2 { font-size: 11pt; margin: 12pt 0 }
.note { float: footnote; font-size: 8pt }
"""


def make_pdf(path):
    import weasyprint

    body = ["<h2>5.1.1. Çay hövzələrində nəzarətin gücləndirilməsi</h2>"]
    body += [
        f"<p>Hövzədə {i + 2} məntəqə yoxlanılmış, sosial-<br>iqtisadi vəziyyət öyrənilmiş, "
        f"nəticələr beynəlxalq-<br>laşdırılmış formada hazırlanmışdır.</p>"
        for i in range(16)
    ]
    body[3] = body[3].replace("</p>", '<span class="note">Məntəqələr yenidir.</span></p>')
    body += [
        "<h2>5.1.2. Əhalinin maarifləndirilməsi</h2>",
        "<p>Mayın 4-də görüş keçirilmişdir.</p>",
    ]
    html = f"<html><head><style>{_PDF_STYLE}</style></head><body>{''.join(body)}</body></html>"
    weasyprint.HTML(string=html).write_pdf(str(path))
    return path


def test_pdf_furniture_page_numbers_footnotes_and_hyphens(tmp_path):
    result = extract_file(make_pdf(tmp_path / "r.pdf"))
    assert codes(result) == ["5.1.1", "5.1.2"]
    first = by_code(result, "5.1.1")
    assert "Agentliyi ·" not in result["text"] and "Səhifə" not in result["text"]
    assert result["furniture"] == ["Su Ehtiyatları Agentliyi · 2023-cü il hesabatı"]
    assert result["footnotes"] == ["1. Məntəqələr yenidir."]
    assert "yenidir" not in first["text"] and "hazırlanmışdır.1" not in first["text"]
    assert "sosial-iqtisadi" in first["text"] and "beynəlxalqlaşdırılmış" in first["text"]
    assert first["pages"] == [1, 2]
    assert [f["start"] for f in facts(by_code(result, "5.1.2"), "date")] == ["2023-05-04"]


@pytest.mark.parametrize("line", ["7", "- 7 -", "— 12 —", "Səhifə 3 / 11", "3/11", "Page 3 of 11"])
def test_page_number_forms(line):
    assert is_page_number(line)


@pytest.mark.parametrize("line", ["2022-ci il", "02/416", "0", "7 nəfər", "Səhifə"])
def test_not_page_numbers(line):
    assert not is_page_number(line)


def test_a_row_number_column_gives_way_to_the_code_at_the_start_of_the_title():
    rows = [
        ["№", "Tədbirin adı", "Görülmüş işlər"],
        ["1.", "2.3.1. Gənclər arasında sorğu", "Sorğuda 300 gənc iştirak etmişdir."],
        ["2.", "2.3.4. Valideynlərlə görüşlər", "Görüşlər keçirilmişdir."],
    ]
    assert [(r.kind, r.code, r.title) for r in read_item_table(rows)] == [
        ("item", "2.3.1", "Gənclər arasında sorğu"),
        ("item", "2.3.4", "Valideynlərlə görüşlər"),
    ]


def test_a_row_number_column_gives_way_to_a_code_column_beside_it():
    rows = [
        ["Sıra №", "Tədbirin məzmunu", "Planın bəndi", "Görülmüş işlər"],
        ["1", "Gənclər arasında sorğu", "2.3.1.", "Sorğuda 300 gənc iştirak etmişdir."],
        ["2", "Valideynlərlə görüşlər", "2.3.4", "Görüşlər keçirilmişdir."],
    ]
    assert [(r.kind, r.code, r.title, r.body) for r in read_item_table(rows)] == [
        ("item", "2.3.1", "Gənclər arasında sorğu", ["Sorğuda 300 gənc iştirak etmişdir."]),
        ("item", "2.3.4", "Valideynlərlə görüşlər", ["Görüşlər keçirilmişdir."]),
    ]


def test_a_header_written_over_two_rows_and_repeated_on_a_new_page():
    rows = [
        ["Bənd", "Tədbirin adı", "İcra", ""],
        ["", "", "müddəti", "vəziyyəti"],
        ["4.1.1", "Seminarların təşkili", "2022", "3 seminar keçirilmişdir."],
        ["Bənd", "Tədbirin adı", "İcra", ""],
        ["", "", "müddəti", "vəziyyəti"],
        ["4.1.2", "Broşürlərin hazırlanması", "2023", "500 broşür çap edilmişdir."],
    ]
    read = read_item_table(rows)
    assert [(r.kind, r.code, r.title, r.body, r.fields) for r in read] == [
        (
            "item",
            "4.1.1",
            "Seminarların təşkili",
            ["3 seminar keçirilmişdir."],
            {"deadline": "2022"},
        ),
        (
            "item",
            "4.1.2",
            "Broşürlərin hazırlanması",
            ["500 broşür çap edilmişdir."],
            {"deadline": "2023"},
        ),
    ]


@pytest.mark.parametrize(
    "cell, code",
    [
        ("4.4.1-ci bənd", "4.4.1"),
        ("Bənd 4.4.1", "4.4.1"),
        ("4.2.10-cu yarımbənd", "4.2.10"),
        ("№ 5.1.2", "5.1.2"),
        ("5.1.2.", "5.1.2"),
        ("Bəndlər", None),
        ("4.4.1 saylı", None),
    ],
)
def test_code_cells_in_their_written_forms(cell, code):
    assert code_of(cell) == code
