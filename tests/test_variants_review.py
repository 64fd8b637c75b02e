"""OpenCC's regional dictionaries as we reviewed them (data/variants/opencc-*.tsv), and the
strict reading of every variant table (a byte-order mark, a bad row or a repeated key is a
one-line error naming the file and the line, never taken silently).

The reviews are checked against the dictionaries the installed OpenCC wheel ships (dumped
with its own opencc_dict), and every drop against a news phrase that OpenCC gets wrong.
"""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from duizhao.datafiles import DataFileError
from duizhao.variants import chains, convert, load_table, names, reviewed
from duizhao.variants.opencc_files import dump_dictionary
from duizhao.variants.reviewed import REVIEWS, review, reviewed_rows


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    folder = tmp_path_factory.mktemp("opencc-dump")
    return {name: dump_dictionary(name, folder) for name in REVIEWS}


@pytest.mark.parametrize("dictionary", sorted(REVIEWS))
def test_every_entry_opencc_ships_is_reviewed(
    dictionary: str, shipped: dict[str, dict[str, str]]
) -> None:
    """One row per entry of the wheel's dictionary, with OpenCC's value as shipped: an
    OpenCC upgrade cannot slip an unreviewed entry in."""
    decisions = {d.key: d for d in review(dictionary) if d.decision != "add"}
    assert set(decisions) == set(shipped[dictionary])
    for key, value in shipped[dictionary].items():
        assert decisions[key].opencc_value == value, (dictionary, key)
    added = [d for d in review(dictionary) if d.decision == "add"]
    assert not any(d.key in shipped[dictionary] for d in added)


def test_the_review_counts() -> None:
    """As the file headers say: the colleague's review of TWPhrases and HKVariantsPhrases
    (818 and 272 entries) and ours of the reverse table and the character tables."""
    counts = {name: len([d for d in review(name) if d.decision != "add"]) for name in REVIEWS}
    assert counts == {
        "TWPhrases": 818,
        "TWPhrasesRev": 810,
        "TWVariants": 41,
        "HKVariants": 66,
        "HKVariantsPhrases": 272,
    }
    dropped = {name: sum(d.decision == "drop" for d in review(name)) for name in REVIEWS}
    assert dropped["TWPhrases"] == 79 and dropped["TWPhrasesRev"] == 80


# Each drop or change, as a news phrase OpenCC 1.4.2 gets wrong and we get right.
FORWARD = [  # (Simplified, what s2twp writes, what zh-TW writes)
    ("表达了支持", "表達了支援", "表達了支持"),
    ("支持率", "支援率", "支持率"),
    ("发表联合声明", "發表聯合宣告", "發表聯合聲明"),
    ("发布声明", "釋出宣告", "發布聲明"),
    ("这份文件", "這份檔案", "這份文件"),
    ("机密文件", "機密檔案", "機密文件"),
    ("和平进程", "和平程序", "和平進程"),
    ("局部战争", "區域性戰爭", "局部戰爭"),
    ("刷新纪录", "重新整理紀錄", "刷新紀錄"),
    ("食品添加剂", "食品新增劑", "食品添加劑"),
    ("远程导弹", "遠端導彈", "遠程飛彈"),
    ("优化营商环境", "最佳化營商環境", "優化營商環境"),
    ("高端疫苗", "高階疫苗", "高端疫苗"),
    ("新闻发布会", "新聞釋出會", "新聞發布會"),
]


@pytest.mark.parametrize(("text", "opencc_writes", "ours"), FORWARD)
def test_taiwan_phrases_no_longer_change_meaning(text: str, opencc_writes: str, ours: str) -> None:
    assert opencc.OpenCC("s2twp").convert(text) == opencc_writes
    assert convert(text, "zh-TW") == ours


REVERSE = [  # (Taiwan text, what tw2sp writes, what zh-Hans writes)
    ("支援災區", "支持灾区", "支援灾区"),
    ("釋出善意", "发布善意", "释出善意"),
    ("執行委員會", "运行委员会", "执行委员会"),
    ("資料圖片", "数据图片", "资料图片"),
    ("即時中心", "实时中心", "即时中心"),
    ("建立關係", "创建关系", "建立关系"),
    ("核心利益", "内核利益", "核心利益"),
    ("中央通訊社", "中央通信社", "中央通讯社"),
    ("經濟指標", "经济指针", "经济指标"),
    ("許多工作人員", "许多任务作人员", "许多工作人员"),
    ("國內建設", "国内置设", "国内建设"),
    ("規模組織", "规模块织", "规模组织"),
    ("強調變化", "强调制化", "强调变化"),
]


@pytest.mark.parametrize(("text", "opencc_writes", "ours"), REVERSE)
def test_taiwan_words_read_back_keep_their_meaning(
    text: str, opencc_writes: str, ours: str
) -> None:
    """The reverse table dropped words the mainland uses too; the last four are word
    boundaries OpenCC's tw2sp does not keep (duizhao/variants/segmentation.py)."""
    assert opencc.OpenCC("tw2sp").convert(text) == opencc_writes
    assert convert(text, "zh-Hans", "tw") == ours


HONG_KONG_PRINT = [  # (Simplified, what s2hk writes, what zh-HK writes)
    ("他说温度", "他説温度", "他說溫度"),
    ("中美脱钩", "中美脱鈎", "中美脫鈎"),
    ("关税", "關税", "關稅"),
    ("用户", "用户", "用戶"),
    ("峰会", "峯會", "峰會"),
    ("一群人", "一羣人", "一群人"),
    ("面条", "麪條", "麵條"),
    ("3000人参会", "3000人蔘會", "3000人參會"),
    ("启德", "啓德", "啟德"),
    ("宣布", "宣佈", "宣布"),
    ("周末", "週末", "周末"),
    ("卫生署", "衞生署", "衞生署"),
    ("保卫", "保衞", "保衛"),
]


@pytest.mark.parametrize(("text", "opencc_writes", "ours"), HONG_KONG_PRINT)
def test_hong_kong_glyphs_are_what_its_press_prints(
    text: str, opencc_writes: str, ours: str
) -> None:
    assert opencc.OpenCC("s2hk").convert(text) == opencc_writes
    assert convert(text, "zh-HK") == ours


def test_taiwan_glyphs() -> None:
    assert convert("宣布和公布", "zh-TW") == "宣布和公布"  # OpenCC: 宣佈, 公佈
    assert convert("占比", "zh-Hant") == "占比"  # OpenCC: 佔比
    assert convert("台湾的台北", "zh-TW") == "台灣的台北"  # Taiwan's press (CNA)
    assert convert("台湾的台北", "zh-Hant") == "臺灣的臺北"  # the Ministry's standard


@pytest.mark.parametrize("dictionary", sorted(REVIEWS))
def test_every_dropped_entry_is_gone_and_every_change_applied(dictionary: str) -> None:
    rows = reviewed_rows(dictionary)
    for decision in review(dictionary):
        if decision.decision == "drop":
            assert decision.key not in rows
        elif decision.decision in ("change", "add"):
            assert rows[decision.key] == decision.replacement
        else:
            assert rows[decision.key] == decision.opencc_value


def test_stock_chains_stay_as_opencc_ships_them() -> None:
    """The benchmark's reference is OpenCC as shipped; our converters use the reviews."""
    assert chains.stock_chain("hans", "zh-TW").convert("支持") == "支援"
    assert chains.base_chain("hans", "zh-TW").convert("支持") == "支持"


# ─── Strict files ──────────────────────────────────────────────────────────────────────────


def one_line(error: pytest.ExceptionInfo[DataFileError]) -> str:
    message = str(error.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(
    ("content", "line", "reason"),
    [
        ("\ufeff普京\t普丁\n", 1, "byte-order mark"),
        ("# 註解\n普京\t普丁\n\ufeff川普\t川普\n", 3, "byte-order mark"),
        ("普京\t普丁\n普京\t蒲亭\n", 2, "given twice (first on line 1)"),
        ("普京\t蒲亭\talias\n普京\t蒲亭\talias\n", 2, "given twice"),
        ("普京\n", 1, "expected from<TAB>to"),
        ("普京\t普丁\t雙向\n", 1, "unknown flag"),
        ("G-7峰会\tG-7峰會\n", 1, "ASCII punctuation"),
    ],
)
def test_a_table_slip_is_one_line_naming_file_and_line(
    tmp_path: Path, content: str, line: int, reason: str
) -> None:
    path = tmp_path / "tw.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        load_table(path)
    assert one_line(error).startswith(f"{path}:{line}: ")
    assert reason in str(error.value)


def test_an_alias_may_repeat_a_key_with_another_value(tmp_path: Path) -> None:
    path = tmp_path / "tw.tsv"
    path.write_text("普京\t普丁\n普京\t蒲亭\talias\n普京\t普廷\talias\n", encoding="utf-8")
    assert [row.value for row in load_table(path)] == ["普丁", "蒲亭", "普廷"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("支持\t支援\tdrop\t\t\n", "needs its reason"),
        ("支持\t支援\tmaybe\t\tx\n", "unknown decision"),
        ("支持\t支援\tchange\t\twhy\n", "needs replacement"),
        ("臺\t\tkeep\t\t\n", "no opencc_value"),
        ("支持\t支援\n", "expected 5 tab-separated columns"),
        ("支持\t支援\tkeep\t\t\n支持\t支援\tkeep\t\t\n", "reviewed twice"),
    ],
)
def test_a_review_slip_is_one_line_naming_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, reason: str
) -> None:
    path = tmp_path / "opencc-TWPhrases.tsv"
    path.write_text("# a review\n" + "\t".join(reviewed.HEADER) + "\n" + content, encoding="utf-8")
    monkeypatch.setattr(reviewed, "review_path", lambda dictionary: path)
    reviewed.review.cache_clear()
    try:
        with pytest.raises(DataFileError) as error:
            review("TWPhrases")
    finally:
        reviewed.review.cache_clear()
    assert one_line(error).startswith(f"{path}:")
    assert reason in str(error.value)


NAMES_HEADER = "\t".join(names.HEADER)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (
            "特朗普\t川普\t\tDonald Trump\tperson\tCNA\t\t\t\n特朗普\t川普\t\tx\tperson\t\t\t\t",
            "given twice",
        ),
        ("特朗普\t川普\t\tDonald Trump\tpeople\tCNA\t\t\t", "kind must be one of"),
        ("特朗普\t川普\t\tDonald Trump\tperson\tNYT\t\t\t", "tw_source must be"),
        ("特朗普\t\t\tDonald Trump\tperson\t\t\t\t", "neither a tw nor an hk form"),
        ("特朗普\t川普\t\tDonald Trump\tperson\tCNA\t\t\tsometimes", "text must be"),
        ("特朗普\t川普 \t\tDonald Trump\tperson\tCNA\t\t\t", "white space"),
        ("特朗普\t川普", "expected 9 tab-separated columns"),
    ],
)
def test_a_names_slip_is_one_line_naming_file_and_line(
    tmp_path: Path, row: str, reason: str
) -> None:
    path = tmp_path / "names.tsv"
    path.write_text(f"{NAMES_HEADER}\n{row}\n", encoding="utf-8")
    with pytest.raises(DataFileError) as error:
        names.load.__wrapped__(path)
    assert one_line(error).startswith(f"{path}:")
    assert reason in str(error.value)


def test_a_name_given_in_two_places_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One place per fact: 普京's Taiwan form in names.tsv and again in tw.tsv."""
    from duizhao.variants import tables

    table = tmp_path / "tw.tsv"
    table.write_text("普京\t普廷\n", encoding="utf-8")
    real = tables.load_table
    monkeypatch.setattr(tables, "load_table", lambda name: real(table) if name == "tw" else ())
    tables.concepts.cache_clear()
    try:
        with pytest.raises(DataFileError, match="already has a tw form") as error:
            tables.concepts()
    finally:
        monkeypatch.undo()
        tables.concepts.cache_clear()
    assert one_line(error).startswith(f"{table}:1: ")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("的士\thk\n的士\thk\n", "given twice (first on line 1)"),
        ("的士\tmacau\n", "unknown region 'macau'"),
        ("的士\n", "expected word<TAB>region"),
        ("\ufeff的士\thk\n", "byte-order mark"),
    ],
)
def test_a_markers_slip_is_one_line_naming_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, reason: str
) -> None:
    from duizhao.variants import detect

    path = tmp_path / "markers.tsv"
    path.write_text(content, encoding="utf-8")
    monkeypatch.setattr(detect, "MARKERS", path)
    detect.markers.cache_clear()
    try:
        with pytest.raises(DataFileError) as error:
            detect.markers()
    finally:
        monkeypatch.undo()
        detect.markers.cache_clear()
    assert one_line(error).startswith(f"{path}:")
    assert reason in str(error.value)
