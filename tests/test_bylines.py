"""Bylines, photo credits and JSON `author` fields as the outlets print them (every line
invented, in each outlet's form), read with the patterns of data/cleaning.yaml; and the
promise that every pattern stays linear on any text."""

from __future__ import annotations

import time

import pytest

from duizhao.ingest.bylines import byline_paragraph, clean_author_field, find_author, split_caption
from duizhao.ingest.curated import cleaning

# --- bylines: (line as printed, the person) ------------------------------------------------

BYLINES = [
    # 中央社 (Taiwan)
    ("（中央社記者林書帆花蓮8日電）花蓮縣鳳林鎮長補選今天投開票", "林書帆"),
    ("（中央社記者郭佩玲台北5日電）鋒面今天通過，北部及東北部轉為溼涼天氣。", "郭佩玲"),
    ("（中央社記者王小明、陳大文台北5日電）立法院今天三讀通過", "王小明、陳大文"),
    ("（中央社記者張美華東京20日專電）日本氣象廳今天宣布", "張美華"),
    ("（中央社記者林慧君高雄1日電）高雄輕軌環狀線全線通車滿一週年", "林慧君"),
    ("（中央社記者陳明宜蘭3日電）", "陳明"),  # 2-character name before a known place
    ("（中央社記者林書帆竹山7日電）", "林書帆"),  # unknown place 竹山: longest name leaving 2
    ("（中央社記者陳明竹山7日電）", "陳明"),
    ("（中央社記者歐陽立中竹山7日電）", "歐陽立中"),
    ("（中央社台北5日電）行政院今天宣布", ""),  # a desk dateline names nobody
    ("（中央社東京5日綜合外電報導）", ""),
    # 新华社 / 人民网 / 中新社 (mainland)
    ("新华社北京3月5日电（记者 张三）", "张三"),
    ("新华社昆明3月12日电（记者 杨帆、李明）12日，两千余名志愿者", "杨帆、李明"),
    ("新华社北京3月7日电（记者 刘晓燕）海关总署7日发布数据显示", "刘晓燕"),
    ("新華社北京3月5日電（記者 張三）", "張三"),
    ("新华社华盛顿3月4日电（记者 许缘 熊茂伶）", "许缘、熊茂伶"),
    ("人民网北京3月14日电 （记者王昕）记者从北京市卫生健康委获悉", "王昕"),
    ("本报上海3月6日电  （记者谢卫群）", "谢卫群"),
    ("中新社香港3月5日电 (记者 戴小橦)", "戴小橦"),
    # 财新, 环球时报, 央视, 澎湃, 界面
    ("【财新网】（记者 张雨）3月20日，全国银行间同业拆借中心公布", "张雨"),
    ("【环球时报报道 记者 王晓】据美国媒体报道", "王晓"),
    ("环球时报驻德国特约记者 青木", "青木"),
    ("（总台记者 赵宏宇）", "赵宏宇"),
    ("（央视记者 李娜 王刚）", "李娜、王刚"),
    ("澎湃新闻记者 周婷", "周婷"),
    ("澎湃新闻首席记者 王晓东 实习生 李四", "王晓东"),
    ("记者 | 陈思远", "陈思远"),
    ("（记者 李晓明）", "李晓明"),
    # 聯合報 / 經濟日報 / 自由時報 / ETtoday / 公視 / 中時 (Taiwan)
    ("聯合報／記者王燕華／花蓮報導", "王燕華"),
    ("聯合報／ 記者王燕華／花蓮報導", "王燕華"),
    ("記者林宜靜／花蓮即時報導", "林宜靜"),
    ("經濟日報／記者陳美君／台北報導", "陳美君"),
    ("聯合報／編譯周辰陽／即時報導", "周辰陽"),
    ("記者蔡佳玲／嘉義報導", "蔡佳玲"),
    ("〔記者王宜婷／台北報導〕113年度綜合所得稅結算申報", "王宜婷"),
    ("〔編譯李佳芸／綜合報導〕美國國家航空暨太空總署", "李佳芸"),
    ("〔即時新聞／綜合報導〕", ""),
    ("公視新聞網 吳宗翰 報導", "吳宗翰"),
    ("公視新聞網 吳宗翰 花蓮報導", "吳宗翰"),
    ("中時新聞網 許雅筑", "許雅筑"),
    # 端傳媒 / 香港01 / 明報 / 星島 / RTHK / RFA (Hong Kong)
    ("（特約撰稿人 陳明）", "陳明"),
    ("端傳媒記者 林子為 發自香港", "林子為"),
    ("撰文：李穎欣", "李穎欣"),
    ("記者：陳家豪", "陳家豪"),
    ("記者：黃詠恩 責編：李平 網編：梁靜", "黃詠恩"),
    ("记者：王晴 责编：何平 网编：洪伟", "王晴"),
    ("【明報專訊】差餉物業估價署昨日公布", ""),
    # 美国之音, BBC, FT, DW, NYT (international)
    ("美国之音记者林清华盛顿报道", "林清"),  # 林清 in 华盛顿, not 林清华 in 盛顿
    ("美國之音記者林清華盛頓報導", "林清"),
    ("美国之音 王默", "王默"),
    ("作者：韩静", "韩静"),
    ("FT中文网特约撰稿人 周可", "周可"),
    ("HANNAH LEE 2025年4月2日", "HANNAH LEE"),
    # not bylines at all
    ("央视网消息：眼下，黑龙江各地陆续进入水稻育秧阶段。", ""),
    ("（北京综合讯）中国国家统计局周五公布", ""),
    ("华盛顿 — 美国国会参众两院的两党议员星期三提出一项法案", ""),
    ("记者会上，发言人拒绝回应。", ""),
]


@pytest.mark.parametrize(("line", "person"), BYLINES, ids=[b[0][:16] for b in BYLINES])
def test_find_author(line: str, person: str) -> None:
    assert find_author(line) == person


# --- captions: (caption as printed, caption without credit, credit) --------------------------

CAPTIONS = [
    (
        "陳遠山家屬今天捐贈手稿給花蓮縣文化局。記者王燕華／攝影",
        "陳遠山家屬今天捐贈手稿給花蓮縣文化局。",
        "記者王燕華",
    ),
    (
        "台北市5日午後下起雨，民眾撐傘走過信義區街頭。中央社記者何志明攝　114年3月5日",
        "台北市5日午後下起雨，民眾撐傘走過信義區街頭。",
        "中央社記者何志明",
    ),
    (
        "中國大陸華北近日也受冷空氣影響，北京街頭民眾穿上厚外套。（法新社）",
        "中國大陸華北近日也受冷空氣影響，北京街頭民眾穿上厚外套。",
        "法新社",
    ),
    (
        "3月12日，志愿者在云南省大理白族自治州洱源县参加植树活动。新华社记者 李明 摄",
        "3月12日，志愿者在云南省大理白族自治州洱源县参加植树活动。",
        "新华社记者 李明",
    ),
    (
        "这是3月18日拍摄的婺源县篁岭景区（无人机照片）。新华社记者 周密 摄",
        "这是3月18日拍摄的婺源县篁岭景区（无人机照片）。",
        "新华社记者 周密",
    ),
    ("北京植物園日前舉行的鬱金香展。（新華社）", "北京植物園日前舉行的鬱金香展。", "新華社"),
    ("去年花展的園藝設計比賽展品。（資料圖片）", "去年花展的園藝設計比賽展品。", "資料圖片"),
    ("市民在主題花壇前拍照。（明報記者 攝）", "市民在主題花壇前拍照。", "明報記者"),
    (
        "內地多個省份近日亦受寒潮影響，北京出現降雪。圖：美聯社",
        "內地多個省份近日亦受寒潮影響，北京出現降雪。",
        "美聯社",
    ),
    (
        "日本東北地區亦出現大雪，青森市積雪超過一米。（路透社）",
        "日本東北地區亦出現大雪，青森市積雪超過一米。",
        "路透社",
    ),
    (
        "一家汽车展厅内展示的新能源汽车。图片来源：Getty Images",
        "一家汽车展厅内展示的新能源汽车。",
        "Getty Images",
    ),
    (
        "某车企销售门店内，顾客正在咨询购车优惠。图片来源：视觉中国",
        "某车企销售门店内，顾客正在咨询购车优惠。",
        "视觉中国",
    ),
    ("资料图片：维多利亚港两岸。(AFP)", "资料图片：维多利亚港两岸。", "AFP"),
    (
        "▲沼平車站周邊的吉野櫻已陸續綻放。（圖／記者蔡佳玲攝）",
        "沼平車站周邊的吉野櫻已陸續綻放。",
        "記者蔡佳玲",
    ),
    (
        "▲林業鐵路列車穿過花海。（圖／阿里山林業鐵路及文化資產管理處提供）",
        "林業鐵路列車穿過花海。",
        "阿里山林業鐵路及文化資產管理處提供",
    ),
    ("國道3號南下塞車情形。圖／高公局提供", "國道3號南下塞車情形。", "高公局提供"),
    (
        "新中心位於大埔道，設有無障礙通道。（李穎欣攝）",
        "新中心位於大埔道，設有無障礙通道。",
        "李穎欣",
    ),
    ("國際太空站資料照。（路透）", "國際太空站資料照。", "路透"),
    (
        "台灣太空中心研究人員在記者會上說明參與的實驗內容。（記者林詠晴攝）",
        "台灣太空中心研究人員在記者會上說明參與的實驗內容。",
        "記者林詠晴",
    ),
    (
        "建屋局预估第一季度组屋转售价格上涨1.5%。（档案照片）",
        "建屋局预估第一季度组屋转售价格上涨1.5%。",
        "档案照片",
    ),
    (
        "柏林一处电动车充电站 图像来源: Anna Weber/dpa/picture alliance",
        "柏林一处电动车充电站",
        "Anna Weber/dpa/picture alliance",
    ),
    ("图像来源，Getty Images", "", "Getty Images"),
    ("巴黎塞纳河畔，资料图片。© 路透社", "巴黎塞纳河畔，资料图片。", "路透社"),
    (
        "东京一家超市的大米货架。 Noriko Sato for The New York Times",
        "东京一家超市的大米货架。",
        "Noriko Sato for The New York Times",
    ),
    (
        "2024年5月16日，普京和习近平在北京出席茶会。"
        "摄：Sputnik/Mikhail Metzel/Pool via Reuters/达志影像",
        "2024年5月16日，普京和习近平在北京出席茶会。",
        "Sputnik/Mikhail Metzel/Pool via Reuters/达志影像",
    ),
    ("香港維多利亞港夜景。攝：林振東/端傳媒", "香港維多利亞港夜景。", "林振東/端傳媒"),
    ("抗议者在议会外聚集。法新社", "抗议者在议会外聚集。", "法新社"),
    ("乌克兰首都基辅街头。 Reuters", "乌克兰首都基辅街头。", "Reuters"),
    ("人民大会堂外景。人民网记者 张三摄", "人民大会堂外景。", "人民网记者 张三"),
    ("市民在公园赏花。记者 王小明 摄", "市民在公园赏花。", "记者 王小明"),
    ("华盛顿的美联储总部大楼。摄：Reuters", "华盛顿的美联储总部大楼。", "Reuters"),
    # no credit: must stay whole
    (
        "这是3月18日拍摄的婺源县篁岭景区（无人机照片）。",
        "这是3月18日拍摄的婺源县篁岭景区（无人机照片）。",
        "",
    ),
    ("游客在景区内拍摄", "游客在景区内拍摄", ""),
    ("市民排队入场（图为周六上午）", "市民排队入场（图为周六上午）", ""),
]


@pytest.mark.parametrize(("text", "caption", "credit"), CAPTIONS, ids=[c[0][:16] for c in CAPTIONS])
def test_split_caption(text: str, caption: str, credit: str) -> None:
    assert split_caption(text) == (caption, credit)


# --- JSON `author` fields --------------------------------------------------------------------

AUTHOR_FIELDS = [
    ("明報", ""),
    ("自由時報", ""),
    ("星島頭條", ""),
    ("RFI", ""),
    ("Reuters", ""),
    ("", ""),
    ("記者王宜婷／台北報導", "王宜婷"),
    ("美国之音记者林清华盛顿报道", "林清"),
    ("FT中文网特约撰稿人 周可", "周可"),
    ("公視新聞網 吳宗翰 報導", "吳宗翰"),
    ("中時新聞網 許雅筑", "許雅筑"),
    ("美国之音 王默", "王默"),
    ("（中央社記者林慧君高雄1日電）", "林慧君"),
    ("記者王瑞芬", "王瑞芬"),
    ("周密", "周密"),
    ("孙燕", "孙燕"),
    ("HANNAH LEE", "HANNAH LEE"),
    ("Hannah Lee", "Hannah Lee"),
]


@pytest.mark.parametrize(
    ("value", "person"), AUTHOR_FIELDS, ids=[a[0][:12] or "empty" for a in AUTHOR_FIELDS]
)
def test_clean_author_field(value: str, person: str) -> None:
    assert clean_author_field(value) == person


# --- linearity ---------------------------------------------------------------------------------

HOSTILE = [
    "記" * 20000,
    "记者" + "王" * 20000,
    "（中央社記者" + "王" * 20000 + "台北",
    "新华社" + "北" * 20000 + "3月5日电（记者 " + "张三 " * 5000,
    "（" * 20000,
    "（圖／" + "記" * 20000,
    "图片来源：" + "：" * 20000,
    "A " * 20000 + "for The New York Times!",
    "〔記者" + "王" * 20000,
    ("王、" * 10000) + "台北5日電）",
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile-{i}" for i in range(len(HOSTILE))])
def test_patterns_stay_linear(text: str) -> None:
    started = time.perf_counter()
    find_author(text)
    split_caption(text)
    clean_author_field(text)
    # 40,000 characters through every pattern: linear patterns take milliseconds; a
    # backtracking blow-up would take minutes. 1 s leaves room for a slow CI machine.
    assert time.perf_counter() - started < 1.0


def test_every_pattern_is_exercised() -> None:
    """Each byline and credit pattern of cleaning.yaml is the first to match an example."""
    rules = cleaning()
    used_authors: set[int] = set()
    for line, _ in BYLINES:
        flat = " ".join(line.split())
        for patterns in rules.bylines:
            hit = next((n for n, p in enumerate(patterns) if p.search(flat)), None)
            if hit is not None:
                used_authors.add(hit)
                break
    used_credits = set()
    for text, _, _ in CAPTIONS:
        flat = " ".join(text.split()).removeprefix("▲")
        hit = next((n for n, p in enumerate(rules.caption_credits) if p.search(flat)), None)
        if hit is not None:
            used_credits.add(hit)
    assert used_authors == set(range(len(rules.bylines[0])))
    assert used_credits == set(range(len(rules.caption_credits)))


def test_a_paragraph_that_is_only_a_byline_is_known_as_one() -> None:
    assert byline_paragraph("聯合報／ 記者王燕華／花蓮報導") == ("王燕華", True)
    assert byline_paragraph("（特約撰稿人 陳明）") == ("陳明", True)
    assert byline_paragraph("（中央社台北5日電）") == ("", True)
    author, whole = byline_paragraph("（中央社記者林書帆花蓮8日電）花蓮縣鳳林鎮長補選今天投開票")
    assert (author, whole) == ("林書帆", False)  # a dateline opening the text stays


def test_linear_on_200000_unpunctuated_characters() -> None:
    """Issue 16: a long run of Chinese without punctuation. A backtracking pattern would run
    for minutes; this is a hang detector with a wide margin, not a speed target."""
    text = ("记者王台北报导中央社" * 20_000)[:200_000]
    started = time.perf_counter()
    byline_paragraph(text[:190])
    find_author(text)
    split_caption(text)
    for patterns in (*cleaning().bylines, cleaning().byline_only, cleaning().caption_credits):
        for pattern in patterns:
            pattern.search(text)
    assert time.perf_counter() - started < 20


def test_example_count() -> None:
    assert len(BYLINES) + len(CAPTIONS) + len(AUTHOR_FIELDS) >= 40
