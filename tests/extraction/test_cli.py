import json
import subprocess
import sys

import pytest
from django.core.management import CommandError, call_command

from ctip.extraction import extract
from ctip.extraction.cli import render_text

TEXT = (
    "4.4.9-cu yarımbənd üzrə (Repatriasiya):\n\n"
    "Ölkəyə 362 şəxsin readmissiyası həyata keçirilmiş, Əmək və Əhalinin Sosial Müdafiəsi "
    "Nazirliyinə 9 məktub göndərilmişdir."
)


def test_render_text_groups_facts_by_type():
    out = render_text(extract(TEXT, source="r.txt"))
    assert out.startswith("Source: r.txt\n")
    assert "4.4.9  Repatriasiya" in out
    assert "Quantities (2):" in out and "362 şəxs" in out
    assert "Organisations (1):" in out and "ƏƏSMN" in out


def test_module_entry_point_json(tmp_path):
    p = tmp_path / "r.txt"
    p.write_text(TEXT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "ctip.extraction", str(p)],
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["source"] == "r.txt" and result["items"][0]["code"] == "4.4.9"
    assert "şəxs" in done.stdout  # ensure_ascii=False


def test_module_entry_point_bad_input_is_one_line_and_status_2(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "ctip.extraction", str(tmp_path / "none.pdf")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.strip().count("\n") == 0
    assert (
        "error:" in done.stderr and "no such file" in done.stderr and "Traceback" not in done.stderr
    )


def test_management_command_text_and_json(tmp_path, capsys):
    p = tmp_path / "r.txt"
    p.write_text(TEXT, encoding="utf-8")
    call_command("extract", str(p), "--format", "text")
    assert "Quantities (2):" in capsys.readouterr().out
    call_command("extract", str(p))
    assert json.loads(capsys.readouterr().out)["items"][0]["code"] == "4.4.9"


def test_management_command_bad_input(tmp_path):
    p = tmp_path / "e.docx"
    p.write_bytes(b"")
    with pytest.raises(CommandError) as err:
        call_command("extract", str(p))
    assert err.value.returncode == 2 and "empty" in str(err.value)


def test_ctip_console_script_error_line(tmp_path):
    import shutil

    ctip = shutil.which("ctip") or str(__import__("pathlib").Path(sys.executable).with_name("ctip"))
    if not __import__("os").path.exists(ctip):
        pytest.skip("the ctip console script is not installed")
    done = subprocess.run(
        [ctip, "extract", str(tmp_path / "missing.txt")], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"ctip extract: error: {tmp_path / 'missing.txt'}: no such file"


def test_text_listing_names_every_fact_type():
    from ctip.extraction import extract
    from ctip.extraction.cli import render_text

    text = "1.1.1. Kurslar\n\n20 il ərzində 3 halda 14 yaşlı 50 nəfərdən çox şagird oxumuşdur."
    listing = render_text(extract(text))
    assert "Durations (1):" in listing and "20 il" in listing
    assert "Ages (1):" in listing and "Other counts (2):" in listing
    assert "more than 50 nəfər" in listing
