"""Reading the action plan from its official document: the corpus sample and invented ones."""

import json
import zipfile
from pathlib import Path

import pytest

from ctip.extraction import ExtractionError
from ctip.extraction.plan_document import (
    TableDocument,
    plan_from_table,
    read_docx_table,
    read_pdf_table,
    read_plan,
)
from tests.plan import documents as docs

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "plan"
GOLD_KEYS = (
    "code",
    "direction",
    "title",
    "executors",
    "executors_text",
    "deadline_text",
    "deadline",
    "expected_result",
)


def _corpus(name: str) -> Path:
    path = CORPUS / name
    if not path.exists():
        pytest.skip(f"the plan sample is not present at {path} (../shared/corpus is absent)")
    return path


def _assert_reads_as(result: dict, gold: dict) -> None:
    plan = {k: result["plan"][k] for k in gold["plan"]}
    assert plan == gold["plan"]
    assert result["directions"] == gold["directions"]
    assert [i["code"] for i in result["items"]] == [i["code"] for i in gold["items"]]
    for got, want in zip(result["items"], gold["items"], strict=True):
        assert {k: got[k] for k in GOLD_KEYS} == {k: want[k] for k in GOLD_KEYS}, want["code"]


@pytest.mark.parametrize("name", ["nap-2020-2024.docx", "nap-2020-2024.pdf"])
def test_the_plan_sample_gives_its_gold_reading(name):
    gold = json.loads(_corpus("nap-2020-2024.gold.json").read_text(encoding="utf-8"))
    result = read_plan(_corpus(name))
    _assert_reads_as(result, gold)
    assert len(result["items"]) == 66 and result["notes"] == []
    assert result["plan"]["report_due"] == {"month": 1, "day": 20}
    assert result["abbreviations"]["DMX"].endswith("Dövlət Miqrasiya Xidməti")


def test_an_invented_docx_plan_is_read(tmp_path):
    _assert_reads_as(read_plan(docs.write_docx(tmp_path / "plan.docx")), docs.PLAN)


def test_docx_header_rows_are_apart_and_merged_rows_are_one_cell(tmp_path):
    table = read_docx_table(docs.write_docx(tmp_path / "plan.docx"))
    assert table.header == [docs.HEADER, ["1", "2", "3", "4", "5"]]
    assert table.rows[0] == ["7.1. Sınaq istiqaməti birinci"]
    assert table.rows[1][2] == (
        "DİN, Ali Məhkəmə (razılaşdırılmaqla), yerli icra hakimiyyəti orqanları"
    )
    assert table.after[0] == "Qısaltmalar:" and table.before[:3] == docs.APPROVAL


@pytest.mark.parametrize("borders", [True, False], ids=["ruled", "unruled"])
def test_an_invented_pdf_plan_is_read_with_or_without_rules(tmp_path, borders):
    path = docs.write_pdf(tmp_path / "plan.pdf", borders=borders)
    _assert_reads_as(read_plan(path), docs.PLAN)


def test_pdf_rows_run_across_pages_and_page_numbers_are_dropped(tmp_path):
    path = docs.write_pdf(tmp_path / "long.pdf", filler=14)
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        assert len(pdf.pages) >= 3
    result = read_plan(path)
    fillers = [i for i in result["items"] if i["code"].startswith("7.3.")]
    assert [i["code"] for i in fillers] == [f"7.3.{n}" for n in range(1, 15)]
    for n, item in enumerate(fillers, start=1):
        assert item["title"] == f"Uzun sınaq tədbiri {n} " + " ".join(
            ["ətraflı izah olunan mətn"] * 12
        )
        assert item["executors"] == ["Səhiyyə Nazirliyi"] and item["deadline_text"] == "Hər il"
    assert {"code": "7.3", "title": "Sınaq istiqaməti üçüncü"} in result["directions"]
    assert result["notes"] == []


def test_rows_of_cells_from_any_reader_give_the_plan():
    """The interpretation step takes plain rows of cells (e.g. from another table reader);
    a repeated header and the numbering row are skipped wherever they stand."""
    table = TableDocument(
        before=[
            "Nazirlər Kabinetinin 2030-cu il 1 may tarixli 12 nömrəli Qərarı ilə",
            "təsdiq edilmişdir",
            "Kiçik plan 2030–2031-ci illər",
        ],
        rows=[
            docs.HEADER,
            ["1", "2", "3", "4", "5"],
            ["1.1. İstiqamət"],
            ["1.1.1", "Tədbir", "Səhiyyə Nazirliyi", "Hər il", "Nəticə"],
            docs.HEADER,
            ["1.1.2.", "Başqa tədbir", "DİN", "Mütəmadi olaraq", ""],
        ],
    )
    result = plan_from_table(table)
    assert result["plan"]["approved_by"] == {
        "kind": "decision",
        "number": "12",
        "date": "2030-05-01",
    }
    assert result["plan"]["title"] == "Kiçik plan 2030–2031-ci illər"
    assert [(i["code"], i["direction"], i["executors"]) for i in result["items"]] == [
        ("1.1.1", "1.1", ["Səhiyyə Nazirliyi"]),
        ("1.1.2", "1.1", ["Daxili İşlər Nazirliyi"]),
    ]


def test_an_amending_act_in_the_title_block_is_read():
    table = TableDocument(
        before=docs.APPROVAL
        + ["(2032-ci il 9 noyabr tarixli 901 nömrəli Sərəncamı ilə edilmiş dəyişikliklərlə)"]
        + docs.TITLE,
        rows=[docs.HEADER, ["7.1.1.", "T", "DİN", "Hər il", "N"]],
    )
    plan = plan_from_table(table)["plan"]
    assert plan["approved_by"]["date"] == "2031-03-03"
    assert plan["amended_by"] == [{"kind": "order", "number": "901", "date": "2032-11-09"}]
    assert plan["title"] == "Sınaq məqsədli fəaliyyət planı 2031–2033-cü illər üçün"


def test_bad_files_give_one_clear_error(tmp_path):
    text = tmp_path / "plan.txt"
    text.write_text("4.1.1. Bir tədbir", encoding="utf-8")
    with pytest.raises(ExtractionError, match="DOCX or PDF"):
        read_plan(text)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("hello.txt", "not a document")
    with pytest.raises(ExtractionError, match="corrupt DOCX"):
        read_plan(broken)
    import docx

    no_table = tmp_path / "prose.docx"
    d = docx.Document()
    d.add_paragraph("Yalnız mətn.")
    d.save(str(no_table))
    with pytest.raises(ExtractionError, match="no table"):
        read_plan(no_table)
    with pytest.raises(ExtractionError, match="no such file"):
        read_plan(tmp_path / "missing.pdf")


def test_a_pdf_without_the_plan_header_is_refused(tmp_path):
    from weasyprint import HTML

    path = tmp_path / "letter.pdf"
    HTML(string="<p>Hörmətli həmkarlar, məktub.</p>").write_pdf(str(path))
    with pytest.raises(ExtractionError, match="no table with a header"):
        read_pdf_table(path)
