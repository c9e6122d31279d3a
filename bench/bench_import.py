"""Benchmark: `ctip import-reports` on 100 mixed non-scanned reports (goal ≤ 60 s), beside the
floor of the same files only read and extracted (sandbox children, no database).

Run: .venv/bin/python bench/bench_import.py [N]   (N files, 100 by default)

The files are generated into a temp dir from ../shared/corpus (its TXT, DOCX and text-layer PDF
reports, each made distinct by its year and an added closing line) and from the demo plan's
sub-items (invented narratives in the `4.1.2-ci yarımbənd üzrə (…):` form). SQLite in a temp dir.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

AGENCY_NAMES = {
    "DMX": "Dövlət Miqrasiya Xidməti",
    "DSX": "Dövlət Sərhəd Xidməti",
    "DİN": "Daxili İşlər Nazirliyi",
    "ƏƏSMN": "Əmək və Əhalinin Sosial Müdafiəsi Nazirliyi",
}
SENTENCES = [
    "{d} {m} {y}-ci il tarixində {n} əməkdaş üçün təlim keçirilmişdir.",
    "Hesabat dövründə {n} vərəqə paylanmış, {k} iclas keçirilmişdir.",
    "{d} {m} tarixində Beynəlxalq Miqrasiya Təşkilatı ilə birgə seminar təşkil edilmişdir.",
    "Qaynar xəttə {n} müraciət daxil olmuş, onlardan {k} nəfərə hüquqi məsləhət verilmişdir.",
]
MONTHS = ["yanvar", "fevral", "mart", "aprel", "may", "iyun", "sentyabr", "oktyabr", "noyabr"]


def demo_report(i: int, rnd: random.Random) -> str:
    """An invented report of the demo plan's sub-items."""
    from ctip.demo.plan import ITEMS

    abbr = rnd.choice(sorted(AGENCY_NAMES))
    year = 2020 + i % 5
    parts = [
        AGENCY_NAMES[abbr],
        f"İnsan alverinə qarşı mübarizəyə dair 2020–2024-cü illər üçün Milli Fəaliyyət Planının "
        f"{year}-ci ildə icrası barədə hesabat",
    ]
    subs = [c for c in ITEMS if c.count(".") == 2]
    for code in rnd.sample(subs, 6):
        parts.append(f"{code}-ci yarımbənd üzrə ({ITEMS[code]}):")
        for _ in range(rnd.randint(2, 5)):
            s = rnd.choice(SENTENCES).format(
                d=rnd.randint(1, 28),
                m=rnd.choice(MONTHS),
                y=year,
                n=rnd.randint(5, 900),
                k=rnd.randint(2, 40),
            )
            parts.append(s)
    return "\n\n".join(parts) + "\n"


def _with_year(text: str, year: int) -> str:
    return re.sub(r"(?<![–—-])\b20(2[0-4])-c([iıuü]) il(?!l)", f"{year}-c\\2 il", text, count=1)


def _docx_variant(src: Path, dst: Path, i: int) -> None:
    import docx  # python-docx, only to vary the corpus's DOCX files

    document = docx.Document(str(src))
    document.add_paragraph(f"Hesabatın nüsxəsi № {i}.")
    document.save(str(dst))


def generate(folder: Path, n: int) -> dict[str, int]:
    """`n` distinct report files in `folder`: a third corpus TXT, a fifth DOCX, a few PDF (text
    layer), the rest demo reports."""
    rnd = random.Random(7)
    txt = sorted(CORPUS.glob("*.txt"))
    txt = [p for p in txt if not p.name.endswith(".src.txt")]
    docx_files = sorted(CORPUS.glob("*.docx"))
    pdfs = [p for p in sorted(CORPUS.glob("*.pdf")) if "scan" not in p.name]
    kinds = {"txt": 0, "docx": 0, "pdf": 0, "demo": 0}
    for i in range(n):
        slot = i % 15
        if txt and slot < 5:
            src = txt[i % len(txt)]
            text = _with_year(src.read_text(encoding="utf-8"), 2020 + i % 5)
            (folder / f"{i:03d}-{src.stem}.txt").write_text(
                text + f"\n\nNüsxə {i}.\n", encoding="utf-8"
            )
            kinds["txt"] += 1
        elif docx_files and slot < 8:
            src = docx_files[i % len(docx_files)]
            _docx_variant(src, folder / f"{i:03d}-{src.stem}.docx", i)
            kinds["docx"] += 1
        elif pdfs and slot == 8:
            src = pdfs[i % len(pdfs)]
            shutil.copy(src, folder / f"{i:03d}-{src.name}")
            kinds["pdf"] += 1
        else:
            (folder / f"{i:03d}-demo.txt").write_text(demo_report(i, rnd), encoding="utf-8")
            kinds["demo"] += 1
    return kinds


def main(n: int = 100) -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="ctip-bench-import-"))
    os.environ["CTIP_DATA_DIR"] = str(data_dir)
    os.environ["CTIP_DATABASE_URL"] = f"sqlite:///{data_dir / 'bench.sqlite3'}"
    os.environ.setdefault("CTIP_LOG_LEVEL", "WARNING")
    os.environ["DJANGO_SETTINGS_MODULE"] = "ctip.settings"
    import django

    django.setup()
    from django.core.management import call_command
    from django.core.management.base import CommandError
    from django.utils import translation

    from ctip.plan import imports
    from ctip.plan.models import ItemReport

    translation.activate("en")
    call_command("migrate", verbosity=0)
    folder = data_dir / "reports"
    folder.mkdir()
    if not CORPUS.exists():
        print(f"bulk import: no corpus at {CORPUS}; demo reports only")
    kinds = generate(folder, n)
    files, _refused = imports.report_files([str(folder)])
    print(f"bulk import of {len(files)} mixed non-scanned reports: {kinds}")
    t0 = time.perf_counter()
    list(imports.extract_files(files))  # the floor: the same files only read (no database)
    floor = time.perf_counter() - t0
    out = io.StringIO()
    t0 = time.perf_counter()
    try:
        call_command("import-reports", str(folder), "--no-progress", stdout=out)
    except CommandError as exc:
        print(f"  {exc}")
    seconds = time.perf_counter() - t0
    for line in out.getvalue().splitlines()[1:]:
        if not line.rstrip().endswith("imported"):
            print("  " + line.replace(str(folder) + "/", ""))
    print(f"{'':34} {'seconds':>8} {'per file':>9}")
    print(f"{'ctip import-reports':34} {seconds:8.1f} {seconds / len(files):9.2f}  (goal ≤ 60 s)")
    print(f"{'floor: extraction only (sandbox)':34} {floor:8.1f} {floor / len(files):9.2f}")
    print(f"item reports written: {ItemReport.objects.count()}")
    shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100)
