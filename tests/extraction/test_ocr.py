"""Scans and images read by Tesseract's Azerbaijani model, page by page with confidence.

The OCR tests draw an invented report with DejaVu Sans (shipped with ctip) and read it back;
they skip, saying so, where Tesseract or its `aze` model is not installed.
"""

from pathlib import Path

import pytest

from ctip.extraction import ExtractionError, extract_file, ocr, read_any
from ctip.extraction.ocr import parse_tsv, tesseract

FONT = Path(__file__).resolve().parents[2] / "ctip" / "static" / "fonts" / "DejaVuSans.ttf"
NO_TESSERACT = "Tesseract with its Azerbaijani model is not installed (apt-get install tesseract-ocr tesseract-ocr-aze)"
needs_tesseract = pytest.mark.skipif(tesseract() is None, reason=NO_TESSERACT)

PAGE_1 = [
    "Bənd 3.2.4",
    "Tədbir: Sahil kəndlərində maarifləndirmə görüşlərinin keçirilməsi",
    "İcra vəziyyəti: Martın 14-də 6 kənddə görüş keçirilmiş,",
    "görüşlərə 210 sakin qatılmışdır.",
]
PAGE_2 = [
    "Bənd 3.2.5",
    "Tədbir: Balıqçılar üçün yaddaş kitabçalarının hazırlanması",
    "İcra vəziyyəti: 2023-cü il 9 oktyabr tarixində 500 kitabça paylanmışdır.",
]


def page_image(lines):
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 640), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 34)
    y = 40
    for i, line in enumerate(lines):
        y += 70 if i and line.startswith(("Bənd", "Tədbir", "İcra")) else 48
        draw.text((140, y), line, font=font, fill=0)
    return image


def codes(result):
    return [i["code"] for i in result["items"] if i["code"]]


def test_tsv_is_read_into_paragraphs_with_a_mean_word_confidence():
    head = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    rows = [
        "5\t1\t1\t1\t1\t1\t0\t0\t1\t1\t90\tBənd",
        "5\t1\t1\t1\t1\t2\t0\t0\t1\t1\t80\t4.1.3",
        "5\t1\t1\t2\t1\t1\t0\t0\t1\t1\t60\tMətn",
        "4\t1\t1\t2\t1\t0\t0\t0\t1\t1\t-1\t",
    ]
    text, confidence = parse_tsv("\n".join([head, *rows]))
    assert text == "Bənd 4.1.3\n\nMətn"
    assert confidence == pytest.approx((90 * 4 + 80 * 5 + 60 * 4) / 13)


def test_without_tesseract_one_line_says_how_to_install_it(tmp_path, monkeypatch):
    page_image(PAGE_1).save(tmp_path / "scan.png")
    monkeypatch.setattr(ocr, "tesseract", lambda: None)
    with pytest.raises(ExtractionError) as err:
        read_any(tmp_path / "scan.png")
    message = str(err.value)
    assert "\n" not in message and message.startswith(str(tmp_path / "scan.png"))
    assert "apt-get install tesseract-ocr tesseract-ocr-aze" in message


@needs_tesseract
@pytest.mark.parametrize("suffix", ["png", "jpg"])
def test_an_image_is_read_by_ocr(tmp_path, suffix):
    path = tmp_path / f"scan.{suffix}"
    page_image(PAGE_1).save(path)
    result = extract_file(path)
    assert codes(result) == ["3.2.4"]
    item = result["items"][-1]
    assert item["title"] == "Sahil kəndlərində maarifləndirmə görüşlərinin keçirilməsi"
    quantities = [(f["value"], f["unit"]) for f in item["facts"] if f["type"] == "quantity"]
    assert quantities == [(6, "kənd"), (210, "sakin")]
    (page,) = result["pages"]
    assert page["ocr"] and page["confidence"] > 80 and not page["low_confidence"]


@needs_tesseract
def test_a_multi_page_tiff_is_read_page_by_page(tmp_path):
    path = tmp_path / "scan.tiff"
    first, second = page_image(PAGE_1), page_image(PAGE_2)
    first.save(path, save_all=True, append_images=[second])
    result = extract_file(path)
    assert codes(result) == ["3.2.4", "3.2.5"]
    assert [p["number"] for p in result["pages"]] == [1, 2]
    assert result["items"][-1]["pages"] == [2]


@needs_tesseract
def test_a_scanned_pdf_without_text_layer_is_read_by_ocr(tmp_path):
    path = tmp_path / "scan.pdf"
    first, second = page_image(PAGE_1), page_image(PAGE_2)
    first.convert("RGB").save(
        path, save_all=True, append_images=[second.convert("RGB")], resolution=200
    )
    result = extract_file(path)
    assert codes(result) == ["3.2.4", "3.2.5"]
    dates = [f["start"] for f in result["items"][-1]["facts"] if f["type"] == "date"]
    assert dates == ["2023-10-09"]
    assert all(p["ocr"] for p in result["pages"])
