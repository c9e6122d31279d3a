"""Several files read in one sandbox child (the bulk import), and the fallback to one each."""

from ctip.core import sandbox
from ctip.extraction import ExtractionError

REPORT = "4.1.2-ci yarımbənd üzrə (Seminarların keçirilməsi):\n\nMartın 5-də 12 əməkdaş.\n"


def test_a_batch_gives_each_files_extraction_or_its_error_in_order(tmp_path, settings):
    good = tmp_path / "a.txt"
    good.write_text(REPORT, encoding="utf-8")
    broken = tmp_path / "b.docx"
    broken.write_bytes(b"PK\x03\x04 not a document")
    empty = tmp_path / "c.txt"
    empty.write_text("   \n", encoding="utf-8")
    first, second, third = sandbox.extract_batch([good, broken, empty])
    assert first["source"] == "a.txt" and first["items"][-1]["code"] == "4.1.2"
    assert isinstance(second, ExtractionError) and isinstance(third, ExtractionError)
    assert str(tmp_path) not in str(second) + str(third)  # never the server's path


def test_when_the_batch_child_breaks_a_limit_each_file_is_read_alone(
    tmp_path, settings, monkeypatch
):
    good = tmp_path / "a.txt"
    good.write_text(REPORT, encoding="utf-8")
    real = sandbox.run_child
    calls = []

    def batch_killed(module, args, limits, **options):
        calls.append(module)
        if module == "ctip.core.sandbox_batch":
            raise sandbox.TooComplex("memory")
        return real(module, args, limits, **options)

    monkeypatch.setattr(sandbox, "run_child", batch_killed)
    (result,) = sandbox.extract_batch([good])
    assert result["items"][-1]["code"] == "4.1.2"
    assert calls == ["ctip.core.sandbox_batch", "ctip.extraction.untrusted"]
