"""The normaliser: each named fixer on real artefacts, and properties over random text."""

from __future__ import annotations

import unicodedata

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from mch_extract.normalise import (
    _WIDE_RUNS,
    CJK_SPACES,
    COLUMN_GAP,
    FIXERS,
    INVISIBLE,
    LATEX_COMMAND,
    LINE_EDGES,
    MARKDOWN_HINT,
    MATH_SPAN,
    MD_STEPS,
    NEWLINES,
    NUMBER_UNIT_SPACE,
    PARAGRAPH_MARK,
    PINYIN_GLOSS,
    STRAY_QUESTION,
    WIDE_SPACES,
    TextContext,
    _display_width,
    _non_overlapping,
    _sub,
    context_of,
    fix_and_explain,
    fix_cjk_spaces,
    fix_column_gaps,
    fix_fullwidth,
    fix_latex,
    fix_line_edges,
    fix_markdown,
    fix_pinyin,
    fix_stray_marks,
    normalise,
)
from mch_extract.offsets import apply_replacements

PLAIN = TextContext()


def run(fixer, text: str, ctx: TextContext = PLAIN) -> str:  # type: ignore[no-untyped-def]
    return apply_replacements(text, fixer(text, ctx))[0]


def test_latex_from_sample_001() -> None:
    assert run(fix_latex, "早孕建册率 $\\geq 95\\%$ ；") == "早孕建册率 ≥ 95% ；"
    assert run(fix_latex, "出生低体重儿发生率 $< 4\\%$ ；") == "出生低体重儿发生率 < 4% ；"
    assert run(fix_latex, "剖宫产率 \\leq 35\\%") == "剖宫产率 ≤ 35%"


def test_markdown_from_samples_002_and_004() -> None:
    md = TextContext(markdown=True)
    assert run(fix_markdown, "**（七）加大儿童早期发展工作。**抓好", md) == "（七）加大儿童早期发展工作。抓好"
    assert run(fix_markdown, "#### **四、增强妇幼健康保障能力**", md) == "四、增强妇幼健康保障能力"
    assert (
        run(fix_markdown, "# **\\*\\*市202\\*年群体妇幼 保健业务工作总结**", md)
        == "＊＊市202＊年群体妇幼 保健业务工作总结"
    )
    assert run(fix_markdown, "---", md) == ""


def test_markdown_left_alone_outside_markdown() -> None:
    """In a PDF, **区 is a masked place name."""
    assert run(fix_markdown, "**区开展联合督导", TextContext(markdown=False)) == "**区开展联合督导"


def test_web_junk_from_web_02() -> None:
    assert run(fix_pinyin, run(fix_stray_marks, "(一)?總目標(biāo)。")) == "(一)總目標。"
    assert run(fix_stray_marks, "適?齡婦女") == "適齡婦女"
    assert run(fix_pinyin, "患病率(ASD,也称自闭症)") == "患病率(ASD,也称自闭症)"


def test_fullwidth() -> None:
    assert run(fix_fullwidth, "ＡＡ级覆盖面达到８０％") == "AA级覆盖面达到80%"


def test_spaces_between_chinese_and_digits() -> None:
    assert run(fix_cjk_spaces, "印发 2022 年西城区") == "印发2022年西城区"
    assert run(fix_cjk_spaces, "≥ 92%") == "≥92%"
    assert run(fix_cjk_spaces, "HIV test 阳性") == "HIV test阳性"


def test_space_before_a_marker_is_kept_on_one_line_pages() -> None:
    assert normalise("特制定本实施方案。 一、年度目标1、孕前检查").text == "特制定本实施方案。 一、年度目标1、孕前检查"


def test_hard_wraps_with_blank_lines_between_every_line() -> None:
    """Sample 000: a PDF-to-text conversion, every line followed by a blank line."""
    raw = "\n\n".join(
        [
            "根据《北京市卫生健康委员会关于印发 2022 年北京市妇幼",
            "健康工作要点》的通知（京卫妇幼〔2022〕3 号）精神，结合西",
            "城区实际，我委制定了 2022 年西城区妇幼健康工作要点，现印",
            "发给你们，请认真组织开展相关工作。",
            "一、强化妇幼健康领域常态化疫情防控",
            "指导妇幼保健机构落实新冠肺炎疫情防控各项要求，畅通绿",
            "色通道、规范分类服务，落实分诊救治，强化院感防控，加强人",
            "员培训。开展妇幼保健机构疫情防控专项检查，严格督促妇幼健",
            "康领域各项疫情防控措施落实落细。",
        ]
    )
    lines = normalise(raw).text.split("\n")
    assert lines[0].endswith("请认真组织开展相关工作。")
    assert lines[1] == "一、强化妇幼健康领域常态化疫情防控"
    assert lines[2].startswith("指导妇幼保健机构") and lines[2].endswith("落实落细。")


def test_date_line_is_never_joined_to_the_signature() -> None:
    assert normalise("舟山市卫生健康委员会  \n2019年5月15日").text == "舟山市卫生健康委员会\n2019年5月15日"


def test_crlf_and_bom() -> None:
    assert normalise("\ufeff各单位：\r\n现印发。\r\n").text == "各单位：\n现印发。"


def test_no_printable_character_is_a_newline_or_an_invisible_one() -> None:
    # fix_newlines and fix_invisible skip a text that is printable but for newlines and tabs
    printable = "".join(c for c in map(chr, range(0x110000)) if c.isprintable())
    for pattern in (NEWLINES, INVISIBLE, WIDE_SPACES):
        assert pattern.search(printable) is None, pattern.pattern


def test_fix_and_explain_names_the_fixers_that_acted() -> None:
    explained = dict(fix_and_explain("早孕建册率 $\\geq 95\\%$ ；"))
    assert explained["latex"] == 1 and explained["fullwidth"] == 0
    assert [name for name, _ in FIXERS] == [name for name, _ in fix_and_explain("x")]


def test_offsets_map_back_to_the_raw_text() -> None:
    raw = "产前筛查率 达到 90 %。\n\n二、 加强管理"
    norm = normalise(raw)
    i = norm.text.index("90")
    assert raw[norm.raw_offset(i)] == "9"
    j = norm.text.index("加强")
    assert raw[norm.raw_offset(j) :].startswith("加强")


NOTICE_ALPHABET = st.sampled_from(
    [
        *"妇幼健康孕产妇剖宫产率婴儿死亡达到不低于以上以下控制在0123456789.%‰、，。；：（）()一二三四五六七八九十",
        *[
            " ",
            "  ",
            "\n",
            "\n\n",
            "\t",
            "\r\n",
            "$",
            "\\geq",
            "**",
            "\\*",
            "#",
            "---",
            "\u3000",
            "１",
            "Ａ",
            "?",
            "(biāo)",
        ],
    ]
)
texts = st.lists(NOTICE_ALPHABET, max_size=200).map("".join)


def _han_and_digits(text: str) -> str:
    return "".join(regex.findall(r"[\p{Han}\d]", text))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalise_is_idempotent(raw: str) -> None:
    once = normalise(raw).text
    assert normalise(once).text == once


@settings(max_examples=300, deadline=None)
@given(texts)
def test_normalise_never_loses_a_han_character_or_digit(raw: str) -> None:
    # full-width digits become ASCII and pinyin glosses go; nothing else of Han or digits may vanish
    expected = _han_and_digits(run(fix_pinyin, run(fix_stray_marks, run(fix_fullwidth, raw))))
    assert _han_and_digits(normalise(raw).text) == expected


@settings(max_examples=200, deadline=None)
@given(texts)
def test_every_clean_offset_maps_inside_the_raw_text(raw: str) -> None:
    norm = normalise(raw)
    for pos in range(0, len(norm.text) + 1, 7):
        assert 0 <= norm.raw_offset(pos) <= len(raw)


# the characters the fixers' patterns and their literal prechecks turn on, with Han and blanks
PRECHECK_ALPHABET = st.sampled_from([*"#*-_=+\\$?Р()（）ā妇幼一、1.%≥ \t\n", "\\geq", "biāo"])


@settings(max_examples=300, deadline=None)
@given(st.lists(PRECHECK_ALPHABET, max_size=40).map("".join))
def test_the_literal_prechecks_change_no_fixer(text: str) -> None:
    """A fixer that first looks for a literal its patterns cannot match without finds what its
    patterns alone would find."""
    assert context_of(text).markdown == (len(MARKDOWN_HINT.findall(text)) >= 2)
    md = TextContext(markdown=True)
    alone = _non_overlapping([e for pattern, repl, _ in MD_STEPS for e in _sub(pattern, repl, text)])
    assert fix_markdown(text, md) == alone
    assert fix_line_edges(text) == _sub(LINE_EDGES, "", text)
    assert fix_column_gaps(text) == _sub(COLUMN_GAP, "\t", text)
    assert fix_pinyin(text) == _sub(PINYIN_GLOSS, "", text)
    assert fix_stray_marks(text) == sorted(_sub(STRAY_QUESTION, "", text) + _sub(PARAGRAPH_MARK, "\n", text))
    if " " not in text:
        assert not _sub(CJK_SPACES, "", text) and not _sub(NUMBER_UNIT_SPACE, "", text)
    if "$" not in text and "\\" not in text:
        assert not _sub(MATH_SPAN, "", text) and not _sub(LATEX_COMMAND, "", text)


def test_every_character_of_a_wide_run_takes_two_columns() -> None:
    # _display_width counts two columns for each without asking unicodedata
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    wide = "".join(_WIDE_RUNS.findall(every))
    assert len(wide) > 20_000
    assert all(unicodedata.east_asian_width(c) in "WF" and not c.isspace() for c in wide)


@given(st.text(st.sampled_from([*"早孕建册率≥95%，。 \t\u3000·—“（）ＡＢ１a", "\u00a0", "\u2003"]), max_size=60))
def test_display_width_counts_each_character(line: str) -> None:
    def columns(c: str) -> int:
        return 0 if c.isspace() else 2 if unicodedata.east_asian_width(c) in "WF" else 1

    assert _display_width(line) == sum(map(columns, line))
