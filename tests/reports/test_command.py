import pytest
from django.core.management import CommandError, call_command


def _report(out, *args, plan="TEST-PLAN", fmt="html"):
    """`ctip report` for `plan` into `out`; `args` add or override options (the period is 2022
    unless given)."""
    period = [] if "--period" in args else ["--period", "2022"]
    call_command("report", "--plan", plan, *period, *args, "--format", fmt, "-o", str(out))


def test_bad_plan_is_one_line_error_with_status_2(small_plan, tmp_path):
    with pytest.raises(CommandError) as exc:
        _report(tmp_path / "x.docx", "--no-progress", plan="NOPE", fmt="docx")
    assert exc.value.returncode == 2 and "unknown plan" in str(exc.value)
    assert not (tmp_path / "x.docx").exists()


def test_unknown_agency_and_period_are_refused(small_plan, tmp_path):
    for args in (["--period", "2031"], ["--period", "2022", "--agency", "ZZZ"]):
        with pytest.raises(CommandError):
            _report(tmp_path / "x.html", *args, "--no-progress")


def test_writes_the_consolidated_html(small_plan, tmp_path):
    out = tmp_path / "nat.html"
    _report(out, "--lang", "ru")
    text = out.read_text(encoding="utf-8")
    assert "Национальный доклад" in text and "По подпункту 4.1.6" in text


def test_missing_output_directory_is_refused_with_status_2(small_plan, tmp_path):
    out = tmp_path / "nowhere" / "nat.html"
    with pytest.raises(CommandError) as exc:
        _report(out, "--no-progress")
    assert exc.value.returncode == 2 and "no such directory" in str(exc.value)
    assert not out.parent.exists()


def test_a_written_report_leaves_no_temporary_file(small_plan, tmp_path):
    _report(tmp_path / "nat.html", "--no-progress")
    assert [p.name for p in tmp_path.iterdir()] == ["nat.html"]
