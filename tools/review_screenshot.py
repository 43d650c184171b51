"""Render a review page in headless Chromium to a PNG (the picture in the README).

    python tools/review_screenshot.py                       # -> docs/review.png
    python tools/review_screenshot.py notice.pdf -o shot.png --select target-3

Needs Chromium (Debian: ``apt-get install -y chromium``; for Chinese text a CJK font such as
``fonts-wqy-microhei`` or ``fonts-noto-cjk``).  Everything it writes, apart from the PNG, stays
in its own temporary folder; the browser runs offline with a throw-away profile.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
]


def browser() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit("review_screenshot: Chromium is not installed (apt-get install -y chromium)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("document", nargs="?", help="default: a sample PDF (its path shown relative to the repo)")
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "review.png"))
    parser.add_argument("--select", default="deadline-0", help="the value whose record the page opens with")
    parser.add_argument("--size", default="1200,720", help="window width,height in pixels")
    parser.add_argument("--colours", type=int, default=128, help="palette size of the PNG (0: keep full colour)")
    args = parser.parse_args()

    from mch_extract.review import review_file

    args.output = str(Path(args.output).resolve())
    if args.document is None:
        os.chdir(ROOT)
        args.document = "samples/pdf/002_1832283cccf20dce.fakebold.pdf"

    with tempfile.TemporaryDirectory(prefix="mch-review-") as tmp:
        page = Path(tmp) / "page.html"
        page.write_text(review_file(args.document), "utf-8")
        shot = Path(tmp) / "shot.png"
        command = [
            browser(),
            *FLAGS,
            f"--user-data-dir={Path(tmp) / 'profile'}",
            f"--window-size={args.size}",
            f"--screenshot={shot}",
            page.as_uri() + (f"#v-{args.select}" if args.select else ""),
        ]
        # the browser's profile, caches and config live in this temporary folder too
        home = {key: str(Path(tmp) / "home") for key in ("HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")}
        subprocess.run(command, check=True, capture_output=True, timeout=120, env={**os.environ, **home})
        if args.colours:
            from PIL import Image

            with Image.open(shot) as im:
                im.convert("RGB").quantize(
                    args.colours, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
                ).save(shot, optimize=True)
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, args.output)
    print(f"{args.output}: {Path(args.output).stat().st_size} bytes")


if __name__ == "__main__":
    main()
