"""Benchmark: the pipeline against its floor, in one run on the same inputs.

    python bench/run.py            # full run (a few minutes)
    python bench/run.py --quick    # under a minute, for CI

Reports (never asserts): PDF pages/s of extract() and of bare pdfplumber
(``dedupe_chars().extract_text()``) on the same files and their ratio; text documents/s and
MB/s on one core; time for 1x and 4x a long notice; CLI wall time on one text notice and on
one 8-page PDF (median); import time of the library and of the CLI; peak memory of a
1,000-file batch; speed-up of ``-j 2`` over ``-j 1`` on a 200-file folder.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_PDF = ROOT.parent / "shared" / "samples" / "pdf"


def median_time(fn, runs: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def pdf_files() -> list[Path]:
    folder = SHARED_PDF if SHARED_PDF.is_dir() else ROOT / "samples" / "pdf"
    return sorted(p for p in folder.glob("*.pdf") if not p.name.endswith((".scanned.pdf", ".nocmap.pdf")))


def bare_pdfplumber(paths: list[Path]) -> tuple[int, float]:
    import pdfplumber

    pages, t = 0, time.perf_counter()
    for p in paths:
        with pdfplumber.open(p) as pdf:
            for page in pdf.pages:
                page.dedupe_chars().extract_text()
                pages += 1
    return pages, time.perf_counter() - t


def pipeline_pdf(paths: list[Path]) -> tuple[int, float]:
    from mch_extract import extract

    pages, t = 0, time.perf_counter()
    for p in paths:
        pages += extract(p).source.pages or 0
    return pages, time.perf_counter() - t


def text_docs() -> list[bytes]:
    return [p.read_bytes() for p in sorted((ROOT / "samples").glob("*.txt"))]


def cli(*args: str) -> subprocess.CompletedProcess[bytes]:
    script = shutil.which("mch-extract", path=str(Path(sys.executable).parent)) or "mch-extract"
    return subprocess.run([script, *args], capture_output=True, check=False)


def run(quick: bool) -> dict[str, object]:
    from mch_extract import extract

    results: dict[str, object] = {}
    pdfs = pdf_files()[: 6 if quick else None]
    extract(pdfs[0])  # warm caches (rules, regexes) the way a batch would
    bare_pages, bare_s = bare_pdfplumber(pdfs)
    pipe_pages, pipe_s = pipeline_pdf(pdfs)
    results["pdf_files"] = len(pdfs)
    results["pdf_pages"] = pipe_pages
    results["pdf_pages_per_s_pipeline"] = round(pipe_pages / pipe_s, 1)
    results["pdf_pages_per_s_bare_pdfplumber"] = round(bare_pages / bare_s, 1)
    results["pdf_time_ratio_pipeline_over_bare"] = round(pipe_s / bare_s, 2)

    docs = text_docs()
    rounds = 3 if quick else 10
    t = time.perf_counter()
    for _ in range(rounds):
        for d in docs:
            extract(d)
    text_s = time.perf_counter() - t
    results["text_docs_per_s"] = round(rounds * len(docs) / text_s, 1)
    results["text_mb_per_s"] = round(rounds * sum(map(len, docs)) / text_s / 1e6, 2)

    long_notice = (ROOT / "samples" / "004_5015f21f524b8c6b.txt").read_text("utf-8")
    one = median_time(lambda: extract(long_notice.encode()), 3 if quick else 7)
    four = median_time(lambda: extract((long_notice * 4).encode()), 3 if quick else 7)
    results["long_notice_1x_s"] = round(one, 4)
    results["long_notice_4x_s"] = round(four, 4)
    results["linearity_4x_over_1x"] = round(four / one, 2)

    notice = str(ROOT / "samples" / "001_c0e798cd467e829b.txt")
    eight_pages = next((str(p) for p in pdf_files() if p.name == "003_f76384f9c60735ef.pdf"), str(pdfs[0]))
    results["cli_text_notice_s"] = round(median_time(lambda: cli(notice), 3 if quick else 7), 3)
    results["cli_8_page_pdf_s"] = round(median_time(lambda: cli(eight_pages), 3 if quick else 5), 3)
    imp = [sys.executable, "-c"]
    results["import_library_s"] = round(
        median_time(lambda: subprocess.run([*imp, "import mch_extract"], check=True), 5), 3
    )
    results["import_cli_s"] = round(
        median_time(lambda: subprocess.run([*imp, "import mch_extract.cli"], check=True), 5), 3
    )
    results["cli_version_s"] = round(median_time(lambda: cli("--version"), 5), 3)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "notices"
        folder.mkdir()
        sources = sorted((ROOT / "samples").glob("*.txt"))
        count = 200 if quick else 1000
        for i in range(count):
            shutil.copy(sources[i % len(sources)], folder / f"{i:04d}.txt")
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        t = time.perf_counter()
        cli(str(folder), "-j", "2", "-q", "-o", str(Path(tmp) / "out.jsonl"))
        results[f"batch_{count}_files_j2_s"] = round(time.perf_counter() - t, 2)
        results[f"batch_{count}_files_peak_rss_mb"] = round(
            max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024, 1
        )
        # 200 files of full notices (the five 8-15 KB notices), and 200 of the 1-2 KB web excerpts
        notices = [p for p in sources if not p.name.startswith("web_")]
        excerpts = [p for p in sources if p.name.startswith("web_")]
        pdf_pool = [p for p in pdf_files() if p.name.startswith("web_")] if quick else pdf_files()
        for label, pool in (("pdf_notices", pdf_pool), ("text_notices", notices), ("text_excerpts", excerpts)):
            folder = Path(tmp) / f"two_hundred_{label}"
            folder.mkdir()
            for i in range(200):
                shutil.copy(pool[i % len(pool)], folder / f"{i:04d}{pool[i % len(pool)].suffix}")
            runs = 1 if label.startswith("pdf") else (3 if quick else 5)
            # output into this run's own folder: never a path it did not create (-o /dev/null, as root,
            # replaced the machine's /dev/null with a regular file before -o refused devices)
            sink = str(Path(tmp) / f"{label}.jsonl")
            j1 = median_time(lambda f=folder, o=sink: cli(str(f), "-j", "1", "-q", "-o", o), runs)
            j2 = median_time(lambda f=folder, o=sink: cli(str(f), "-j", "2", "-q", "-o", o), runs)
            results[f"j1_200_{label}_s"] = round(j1, 2)
            results[f"j2_200_{label}_s"] = round(j2, 2)
            results[f"speedup_j2_over_j1_{label}"] = round(j1 / j2, 2)
    results["machine"] = f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer files and repeats: under a minute")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    results = run(args.quick)
    if args.json:
        print(json.dumps(results, indent=1))
        return
    width = max(map(len, results))
    for key, value in results.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    main()
