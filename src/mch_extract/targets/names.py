"""Stage 3: the words left of a comparator (or the counted noun after a count) -> indicator, scope, period."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import NamedTuple

import regex

from ..compiled import lazy
from ..rules import RuleSet, alternation, load_rules
from ..words import strip_lead, strip_tail

# every alternative holds 年 or 月: indicator_of asks this pattern only of a name holding one
DEADLINE_WORDS = lazy(
    r"(?:到|至|在|于)?(?:\d{4}年)?(?:\d{1,2}月(?!龄)(?:\d{1,2}日|底|末|上旬|中旬|下旬)?|年底|年末|上半年|下半年|年内)"
    r"(?:之前|以前|前)?"
)
LEADING_YEAR = lazy(r"^(?:\d{4}年(?:度|起)?|\d{4}-\d{4}年)")
# a year a document library masked (20__年, 201*年, 20xx年, XX年): never part of a name, wherever it stands
MASKED_YEAR = lazy(r"(?<![\dA-Za-z])(?:(?:19|20)\d?[*＊_xX×]{1,3}|[xX]{2,4})年(?:度)?")
# a year inside a name ends what came before it (a heading run into the sentence): …健康管理工作2023年|全年活产数
YEAR_INSIDE = lazy(r"(?r)(?<=\p{Han})\d{4}年度?(?=\p{Han}{2})")
ANY_MARKER = regex.compile(
    r"(?:[一二三四五六七八九十]{1,3}[、．]|[（(][一二三四五六七八九十\d]{1,3}[）)]|(?<![\d.])\d{1,2}、|(?<![\d.])\d{1,2}．(?!\d)|(?<![\d.])\d{1,2}\.(?![\d%])"
    # 8.|5岁以下儿童, 7.|2型糖尿病: a marker before an age or a type, not a decimal
    r"|(?<![\d.])\d{1,2}\.(?=\d{1,2}(?:[-—~～至]\d{1,2})?(?:周岁|岁|个月|月龄|型))"
    r"|第[一二三四五六七八九十百零〇\d]{1,4}条)"  # 第八条(全省设产前诊断中心): an article's number
)


@functools.cache
def _lead_pattern() -> regex.Pattern[str]:
    rules = load_rules()
    periods = alternation(rules.periods)
    return regex.compile(rf"^(?:{periods}|以[^，,为]{{1,12}}为单位|每个[^，,]{{1,6}}|--|——)+")


@functools.cache
def _lead_starts() -> tuple[str, ...]:
    """What a text :func:`_lead_pattern` matches starts with: one of its alternatives' openings."""
    return (*load_rules().periods, "以", "每个", "--", "——")


def _drop_lead(name: str) -> str:
    """``name`` without the periods and unit phrases it opens with (每季度, 以县为单位), which the
    pattern is asked for only when ``name`` starts with one (a call of the regex module costs ~1 us)."""
    return _lead_pattern().sub("", name) if name.startswith(_lead_starts()) else name


QUOTES = regex.compile(r"[“”\"《》]")
# what a place scope ends with: split_scope asks PLACE_PREFIX only of a name holding one
PLACE_ENDS = tuple("省市区县旗")
PLACE_PREFIX = regex.compile(rf"^(?P<scope>[\p{{Han}}]{{2,8}}?[{''.join(PLACE_ENDS)}])(?P<rest>.{{2,}})$")
SCOPE_PHRASE = regex.compile(
    r"以[^，,为]{1,12}为单位|每个[^，,每]{1,8}?(?=至少|不少于|都|均|有|要|应|$)|各[县区市][（(][^）)]{1,4}[）)]"
)
COUNTED_NOUN_LEAD = regex.compile(r"^(?:的|个|家|名)")
HAN_FIRST = regex.compile(r"\p{Han}")
DIGIT = regex.compile(r"\d")
FIRST_CONJUNCTS = lazy(r"(?P<a>[\p{Han}A-Za-z]{2,6})(?:和|、|及)(?P<b>[\p{Han}A-Za-z]{2,6})")


COUNTED_SCOPE = lazy(r"^.*?\d+(?:\.\d+)?(?:个|家|所|名)[^的，,]{0,8}的")
LIST_TAIL = regex.compile(r"[、，,；;]")
BULLETS = "▪•·●◆■□○◇▲△※★☆>＞-—*＊ \t"
RANGE_LEFTOVER = regex.compile(r"^\d{1,2}[-—~～至](?=\D)")
HORIZON = lazy(r"^(?:力争|确保|争取)?(?:到|至|在|于)\d{4}年(?:底|末)?[，,]?")
YEAR_OF = lazy(r"(?:\d{2,4}|20)年(?:底|末)?的?$")


class _NamePatterns(NamedTuple):
    """Patterns and sorted vocabularies for naming indicators, built once from the rules."""

    periods: regex.Pattern[str]
    tail_verbs: regex.Pattern[str]
    institution: regex.Pattern[str]
    institution_ends: tuple[str, ...]  # the last characters of the institution suffixes
    qualifiers: tuple[str, ...]  # longest first
    change: regex.Pattern[str]  # 较上年下降 at the end of a name
    baseline: regex.Pattern[str]  # 由2020年的 at the end of a name
    place: regex.Pattern[str]  # a counted noun that is a place: 区县, 县(市、区)
    furniture: regex.Pattern[str]
    bracket_note: regex.Pattern[str]  # （按…计算）: a note in brackets
    change_only: regex.Pattern[str]  # 增长 (9%): a change of the indicator named before
    change_to: regex.Pattern[str]  # 下降至 (6.09‰): the level a change reaches
    object_verb: regex.Pattern[str]  # the last verb inside a count's name: …进行|母乳喂养知识培训
    # what a text starts or ends with when change_to or change_only matches it: asked first, as most
    # names match neither and a call of the regex module costs several times a test of its ends
    change_verbs: tuple[str, ...]  # change_to starts with a raising or lowering verb
    change_ends: tuple[str, ...]  # change_only ends with one, or with 了


@functools.cache
def name_patterns() -> _NamePatterns:
    rules = load_rules()
    return _NamePatterns(
        periods=regex.compile(alternation(rules.periods)),
        tail_verbs=regex.compile(alternation(rules.tail_verbs)),
        institution=regex.compile(
            rf"^(?P<scope>.{{2,30}}?{alternation(rules.institution_suffixes)})(?P<rest>.{{2,}})$"
        ),
        institution_ends=tuple({s[-1]: None for s in rules.institution_suffixes}),
        qualifiers=tuple(sorted(rules.qualifiers, key=len, reverse=True)),
        change=regex.compile(
            rf"{alternation(rules.change_openers)}(?:{alternation(rules.change_references)}|\d{{4}}年)*"
            rf"(?P<up>{alternation(rules.raising_verbs)})?(?P<down>{alternation(rules.lowering_verbs)})?了?$"
        ),
        baseline=regex.compile(
            rf"{alternation(rules.baseline_openers)}(?:{alternation(rules.baseline_references)}|\d{{2,4}}年)?的?$"
        ),
        place=regex.compile(rf"^{alternation(rules.place_nouns)}(?:$|[的（(、和及均都所])"),
        furniture=lazy(alternation(rules.furniture_words)),
        bracket_note=lazy(rf"[（(][^（）()]*{alternation(rules.bracket_note_words)}[^（）()]*[）)]"),
        change_only=regex.compile(
            rf"(?:均|分别|又|再|同比)?(?:(?P<up>{alternation(rules.raising_verbs)})"
            rf"|(?P<down>{alternation(rules.lowering_verbs)}))了?"
        ),
        change_to=regex.compile(rf"{alternation([*rules.raising_verbs, *rules.lowering_verbs])}(?:至|到)?"),
        object_verb=regex.compile(rf"(?r){alternation(rules.object_verbs)}"),
        change_verbs=(*rules.raising_verbs, *rules.lowering_verbs),
        change_ends=(*rules.raising_verbs, *rules.lowering_verbs, "了"),
    )


def strip_brackets(name: str) -> str:
    """Drop notes in brackets from a name: 剖宫产率（按助产机构…计算） -> 剖宫产率."""
    if "（" in name or "(" in name:  # (most names hold no bracket: the pattern is not run on them)
        name = name_patterns().bracket_note.sub("", name)
    if "“" in name or "”" in name or '"' in name or "《" in name or "》" in name:  # (nor one of QUOTES)
        name = QUOTES.sub("", name)
    return name.strip()


@dataclass
class Named:
    indicator: str | None
    scope: str | None
    period: str | None
    after_value: bool = False  # named by the counted noun after the value (建成2-3家母婴友好医院)
    change: str | None = None  # up / down: a change against an earlier level (较上年下降2个百分点)
    baseline: bool = False  # the level a change starts from (由2020年的5.4‰下降到5‰)
    drop: str | None = None  # why the value is no figure although it has a name (a count of places)


def split_scope(name: str, rules: RuleSet) -> tuple[str, str | None]:
    """Split a scope off a name: 产前检查率城区 -> (产前检查率, 城区); 上海和睦家医院剖宫产率 -> …"""
    if name.endswith(rules.scope_words):  # (one call for all the words: most names end in none)
        for word in rules.scope_words:
            if name.endswith(word) and len(name) > len(word) + 1:
                return name[: -len(word)], word
    # each pattern is asked only of a name holding a character its match needs: the last of an
    # institution suffix (院, 中心 …), or a place's 省, 市 … (most names, 375 a pass, hold neither)
    patterns = name_patterns()
    m = patterns.institution.match(name) if _holds_one_of(name, patterns.institution_ends) else None
    if m and is_rate(m.group("rest"), rules) and not m.group("scope").endswith("住院"):
        return m.group("rest"), m.group("scope")
    m = PLACE_PREFIX.match(name) if _holds_one_of(name, PLACE_ENDS) else None
    if m and is_rate(m.group("rest"), rules) and m.group("rest") in rules.indicator_terms:
        return m.group("rest"), m.group("scope")
    return name, None


def _holds_one_of(text: str, chars: tuple[str, ...]) -> bool:
    """Does ``text`` hold one of ``chars``? (A loop of ``in`` tests: ``frozenset.isdisjoint`` makes a
    string object of each character of ``text``, ``any()`` a generator or method wrapper for each
    call, and a pattern call costs more than all of them.)"""
    for c in chars:  # noqa: SIM110
        if c in text:
            return True
    return False


def object_of(name: str, rules: RuleSet) -> str:
    """The object of the last verb inside a count's name: what the count counts.

    >>> object_of("对全院医务人员进行母乳喂养知识培训", load_rules())
    '母乳喂养知识培训'
    >>> object_of("从定期儿童体检和孕产妇系统管理中筛查出高危儿童", load_rules())
    '高危儿童'

    A rate keeps its name whole, and so does a name whose rest is a relative clause (…的儿童):

    >>> object_of("孕产妇参加孕妇学校比例", load_rules()), object_of("参加培训的人员", load_rules())
    ('孕产妇参加孕妇学校比例', '参加培训的人员')
    """
    if is_rate(name, rules):
        return name
    m = name_patterns().object_verb.search(name)
    if m is None or m.start() == 0:
        return name
    rest = name[m.end() :].lstrip("了")
    return rest if len(rest) >= 2 and "的" not in rest and HAN_FIRST.match(rest) else name


BARE_RATE = regex.compile(r"^\p{Han}{2}率$")  # 访视率, 检测率: a rate named by its verb alone
STEM_END = lazy(r"[\d*＊，,。；;、 \t]|人|例|名|次|$")  # 产后访视*人,(访视率…): the stem ends a phrase
SUBJECT = lazy(r"(?r)[\p{Han}A-Za-z]{1,8}$")
# the subject is the noun phrase right before the verb: a conjunction, 的, or an adverb or light verb ends it
# (全部给予|随访, 检出各种|缺点, 3项指标全部|达标 name nothing)
SUBJECT_SPLIT = lazy(r"[和及与、的均都已]|全部|给予|各种|各类")


def subject_rate(text: str, lo: int, hi: int, rate: str) -> str | None:
    """A rate named by its verb alone, with the subject the sentence gave that verb before it.

    >>> subject_rate("全县听力复筛*人,复筛率80.7%", 0, 10, "复筛率")
    '听力复筛率'
    >>> subject_rate("接受梅毒检测人次6662,检测率83.12%", 0, 13, "检测率")
    '梅毒检测率'

    The verb must end its phrase there, and a noun must stand right before it:

    >>> subject_rate("规范开展咨询检测服务,检测率为100%", 0, 11, "检测率") is None
    True
    >>> subject_rate("全部给予随访,随访率100%", 0, 7, "随访率") is None
    True
    """
    if not BARE_RATE.match(rate):
        return None
    stem = rate[:-1]
    at = text.rfind(stem, lo, hi)
    if at < 0 or not STEM_END.match(text, at + len(stem), hi):
        return None
    m = SUBJECT.search(text, max(lo, at - 8), at)
    subject = strip_lead(SUBJECT_SPLIT.split(m.group(0))[-1]) if m else ""
    return subject + rate if subject else None


def is_rate(name: str, rules: RuleSet) -> bool:
    return name.endswith(rules.indicator_suffixes) or name in rules.indicator_terms


def indicator_like(name: str, rules: RuleSet) -> bool:
    return bool(name) and (is_rate(name, rules) or name.endswith(rules.activity_nouns))


def _cut(pattern: regex.Pattern[str], name: str, needle: str) -> str:
    """``name`` without the matches of ``pattern``, which is asked only when ``name`` holds ``needle``,
    as every match does (most names hold no year, and a call of the regex module costs ~1 us).

    >>> _cut(YEAR_OF, "下降至2020年的", "年"), _cut(YEAR_OF, "早孕建册率", "年")
    ('下降至', '早孕建册率')
    """
    return pattern.sub("", name) if needle in name else name


def indicator_of(text: str, left_start: int, left_end: int, right_start: int, right_end: int) -> Named:
    """Name the quantity of a value from the text on its left, else from the counted noun on its right."""
    rules = load_rules()
    raw_left = text[left_start:left_end]
    scope = None
    period = None
    patterns = name_patterns()
    pm = patterns.periods.search(raw_left)
    if pm:
        period = rules.periods[pm.group(0)]
    # (SCOPE_PHRASE's alternatives open with 以, 每个 and 各)
    sm = SCOPE_PHRASE.search(raw_left) if "以" in raw_left or "每个" in raw_left or "各" in raw_left else None
    if sm:
        scope = sm.group(0)
    left = raw_left.strip().lstrip("、和及与,，；;").lstrip(BULLETS)
    change = None
    cm = patterns.change.search(left)
    if cm and (cm.group("up") or cm.group("down")):
        change = "up" if cm.group("up") else "down"
        left = left[: cm.start()]
    bm = patterns.baseline.search(left)
    if bm:
        left = left[: bm.start()]
    left = _cut(YEAR_OF, left, "年")  # 下降至2020年的(6.09‰): the year of a level, not part of a name
    left = _cut(HORIZON, left, "年")  # 到2025年(全市早孕建册率): the target's deadline, never part of its name
    left = _cut(COUNTED_SCOPE, left, "的")  # 15个区县的(剖宫产率): a count in front of the name is its scope
    cv = patterns.change_only.fullmatch(left) if left.endswith(patterns.change_ends) else None
    if cv and change is None:
        change, left = ("up" if cv.group("up") else "down"), ""  # 增长(9%): a change of the indicator before
    if left.startswith(patterns.change_verbs) and patterns.change_to.fullmatch(left):
        left = ""  # 下降至(6.09‰): the level a change reaches, for the indicator named before
    if left in rules.trailing_words:
        left = ""  # 分别(比2010年下降…): a list word, the names are those before
    markers = list(ANY_MARKER.finditer(left))
    if markers:
        left = left[markers[-1].end() :]  # 年度目标1、孕前检查… : the name starts after the marker
    if pm:
        left = left.replace(pm.group(0), "", 1)
    left = _cut(MASKED_YEAR, left, "年")  # 全镇两癌筛查项目20__年任务数: the year of a count, masked
    ym = YEAR_INSIDE.search(left) if "年" in left else None
    if ym:
        left = left[ym.end() :]
    if "年" in left or "月" in left:  # (every deadline word names one)
        left = LEADING_YEAR.sub("", DEADLINE_WORDS.sub("", left) if DEADLINE_WORDS.search(left) else left)
    if sm and sm.group(0) in left:
        left = left.replace(sm.group(0), "")
    left = strip_lead(_drop_lead(left.strip()))
    left = strip_tail(left)
    left = strip_lead(_drop_lead(left))
    left = strip_brackets(left)
    left = _cut(LEADING_YEAR, left, "年")
    left = strip_lead(_drop_lead(left))
    baseline = bool(bm)

    def named(indicator: str | None, after_value: bool = False) -> Named:
        return Named(indicator, scope, period, after_value, change, baseline)

    if not left[:1].isalpha():  # (the pattern opens with a digit, and no digit is a letter)
        left = RANGE_LEFTOVER.sub("", left)  # 1-(6月)乌海市…: what is left of a dropped month range
    if left in rules.scope_words:
        return Named(None, left, period, False, change, baseline)  # 农村达80%: a scope, the indicator is the one before
    left, place = split_scope(left, rules)
    scope = scope or place
    left = object_of(left.lstrip(BULLETS).removeprefix("的"), rules)  # (以街道为单位)的适龄儿童…接种率
    if indicator_like(left, rules) or (left and right_start >= right_end) or (not left and (change or bm)):
        return named(left or None)
    right = COUNTED_NOUN_LEAD.sub("", text[right_start:right_end])
    right = LIST_TAIL.split(right, maxsplit=1)[0]  # 7个A、2个B: the noun ends where the list goes on
    if right.startswith("部分"):
        return Named(None, scope, period, drop="document-part")  # 分为4个部分
    cut = name_patterns().tail_verbs.search(right)
    if name_patterns().place.match(right[: cut.start()] if cut else right):
        return Named(right[:30], scope, period, after_value=True, drop="place-count")
    right = strip_brackets(right[: cut.start()] if cut else right)
    if len(right) >= 2 and HAN_FIRST.match(right) and not DIGIT.search(right):
        return named(right[:30], after_value=True)
    if 2 <= len(left) <= 15 and "、" not in left:
        return named(left)
    return named(None)  # nothing nameable: better no target than a made-up name
