"""Readers: txt/docx/pdf by content, and one clear ExtractionError for every kind of bad input."""

import zipfile

import pytest

from ctip.extraction import (
    ExtractionError,
    extract_file,
    read_any,
    read_docx,
    read_pdf,
    read_text,
    readers,
)

SAMPLE = (
    "4.3.5-ci yarımbənd üzrə (Qurbanların müəyyənləşdirilməsi):\n\n"
    "Azərbaycan Respublikasının Baş Prokurorluğuna 03.12.2022-ci il tarixli 06/2231 nömrəli "
    "məktub ünvanlanmışdır."
)


def make_docx(path, paragraphs):
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(str(path))
    return path


def make_pdf(path, html):
    import weasyprint

    weasyprint.HTML(string=html).write_pdf(str(path))
    return path


def test_read_text_utf8_and_bom(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(SAMPLE, encoding="utf-8")
    assert read_text(p) == SAMPLE
    p.write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode())
    assert read_any(p) == SAMPLE
    p.write_bytes(SAMPLE.encode("utf-16"))
    assert read_any(p) == SAMPLE


def test_read_docx_and_extract(tmp_path):
    path = make_docx(tmp_path / "r.docx", SAMPLE.split("\n\n"))
    assert "06/2231" in read_docx(path)
    result = extract_file(path)
    assert result["source"] == "r.docx"
    (item,) = result["items"]
    assert item["code"] == "4.3.5"
    (doc,) = [f for f in item["facts"] if f["type"] == "document"]
    assert (doc["number"], doc["recipient"]) == ("06/2231", "BP")


def test_dispatch_is_by_content_not_by_name(tmp_path):
    docx_path = make_docx(tmp_path / "x.docx", ["Birinci abzas."])
    disguised = tmp_path / "report.txt"
    disguised.write_bytes(docx_path.read_bytes())
    assert read_any(disguised) == "Birinci abzas."
    text_as_pdf = tmp_path / "plain.pdf"
    text_as_pdf.write_text("Sadə mətn.", encoding="utf-8")
    assert read_any(text_as_pdf) == "Sadə mətn."


def test_read_pdf_text_layer(tmp_path):
    path = make_pdf(tmp_path / "r.pdf", "<p>" + SAMPLE.replace("\n\n", "</p><p>") + "</p>")
    text = read_pdf(path)
    assert "yarımbənd" in text and "06/2231" in text
    result = extract_file(path)
    assert [i["code"] for i in result["items"]] == ["4.3.5"]


def test_missing_file(tmp_path):
    with pytest.raises(ExtractionError, match="no such file"):
        read_any(tmp_path / "nope.txt")


def test_empty_and_blank_files(tmp_path):
    p = tmp_path / "e.txt"
    p.write_bytes(b"")
    with pytest.raises(ExtractionError, match="empty"):
        read_any(p)
    p.write_text("  \n\n ", encoding="utf-8")
    with pytest.raises(ExtractionError, match="no text"):
        read_any(p)


def test_binary_file(tmp_path):
    p = tmp_path / "b.bin"
    p.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(ExtractionError, match="binary"):
        read_any(p)


def test_corrupt_docx(tmp_path):
    import random

    p = tmp_path / "c.docx"
    p.write_bytes(b"PK\x03\x04" + random.Random(1).randbytes(2000))
    with pytest.raises(ExtractionError, match="corrupt DOCX"):
        read_any(p)
    p.write_bytes(random.Random(2).randbytes(2000).replace(b"\x00", b"\x01"))
    with pytest.raises(ExtractionError):
        read_any(p)


def test_zip_without_word_document(tmp_path):
    p = tmp_path / "z.docx"
    with zipfile.ZipFile(p, "w") as zf:
        zf.writestr("hello.txt", "salam")
    with pytest.raises(ExtractionError, match="corrupt DOCX"):
        read_any(p)


def test_zip_bomb_docx_is_refused_before_reading(tmp_path):
    p = tmp_path / "bomb.docx"
    chunk = b"\x00" * (1 << 20)
    with zipfile.ZipFile(p, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/document.xml", "w") as fh:
            for _ in range(readers.MAX_DOCX_UNCOMPRESSED // len(chunk) + 1):
                fh.write(chunk)
    assert p.stat().st_size < 1_000_000
    with pytest.raises(ExtractionError, match="zip bomb"):
        read_any(p)


def test_encrypted_pdf(tmp_path):
    import pypdf

    plain = make_pdf(tmp_path / "plain.pdf", "<p>Gizli mətn.</p>")
    writer = pypdf.PdfWriter(clone_from=str(plain))
    writer.encrypt("secret")
    enc = tmp_path / "enc.pdf"
    with enc.open("wb") as fh:
        writer.write(fh)
    with pytest.raises(ExtractionError, match="encrypted PDF is not supported"):
        read_any(enc)


def test_image_only_pdf(tmp_path):
    html = '<div style="width:300px;height:200px;background:#333"></div>'
    path = make_pdf(tmp_path / "img.pdf", html)
    with pytest.raises(ExtractionError, match="no text layer"):
        read_any(path)


def test_corrupt_pdf(tmp_path):
    p = tmp_path / "bad.pdf"
    p.write_bytes(b"%PDF-1.7\n" + b"garbage " * 100)
    with pytest.raises(ExtractionError):
        read_any(p)


def test_directory_is_refused(tmp_path):
    with pytest.raises(ExtractionError, match="not a regular file"):
        read_any(tmp_path)
