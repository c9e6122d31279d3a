import pytest
from django.core.management import CommandError, call_command


def test_bad_plan_is_one_line_error_with_status_2(small_plan, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command(
            "report",
            "--plan",
            "NOPE",
            "--period",
            "2022",
            "--format",
            "docx",
            "-o",
            str(tmp_path / "x.docx"),
            "--no-progress",
        )
    assert exc.value.returncode == 2 and "unknown plan" in str(exc.value)
    assert not (tmp_path / "x.docx").exists()


def test_unknown_agency_and_period_are_refused(small_plan, tmp_path):
    for args in (["--period", "2031"], ["--period", "2022", "--agency", "ZZZ"]):
        with pytest.raises(CommandError):
            call_command(
                "report",
                "--plan",
                "TEST-PLAN",
                *args,
                "--format",
                "html",
                "-o",
                str(tmp_path / "x.html"),
                "--no-progress",
            )


def test_writes_the_consolidated_html(small_plan, tmp_path):
    out = tmp_path / "nat.html"
    call_command(
        "report",
        "--plan",
        "TEST-PLAN",
        "--period",
        "2022",
        "--format",
        "html",
        "-o",
        str(out),
        "--lang",
        "ru",
    )
    text = out.read_text(encoding="utf-8")
    assert "Национальный доклад" in text and "По подпункту 4.1.6" in text


def test_missing_output_directory_is_refused_with_status_2(small_plan, tmp_path):
    out = tmp_path / "nowhere" / "nat.html"
    with pytest.raises(CommandError) as exc:
        call_command(
            "report",
            "--plan",
            "TEST-PLAN",
            "--period",
            "2022",
            "--format",
            "html",
            "-o",
            str(out),
            "--no-progress",
        )
    assert exc.value.returncode == 2 and "no such directory" in str(exc.value)
    assert not out.parent.exists()


def test_a_written_report_leaves_no_temporary_file(small_plan, tmp_path):
    call_command(
        "report",
        "--plan",
        "TEST-PLAN",
        "--period",
        "2022",
        "--format",
        "html",
        "-o",
        str(tmp_path / "nat.html"),
        "--no-progress",
    )
    assert [p.name for p in tmp_path.iterdir()] == ["nat.html"]
