"""Sample wage guides for both cities, this year and last year, clearly marked as sample data.

Neither seed policy states any wage figure: both only require markets to publish wage guide prices
regularly (Quanzhou annex 1 clause 9 “定期发布零工岗位工资指导价位”, Ningde annex 1 clause 22 “工资价位
信息…定期监测分析”). Every number below is invented for the demonstration and flagged ``is_sample``.
"""

from decimal import ROUND_HALF_UP, Decimal

from portal.regions import City

from .models import WageGuideIndexPage, WageGuidePage, WageRate

THIS_YEAR = 2026

# What people call a trade, so that 小工 or 保姆 finds it (sample data too: a bureau lists its own).
COMMON_NAMES = {
    "泥水工": "瓦工、泥瓦工、大工",
    "搬运工": "小工、杂工、力工、装卸工",
    "水电安装工": "水电工",
    "油漆工": "漆工、刷墙工",
    "仓库理货员": "理货员、仓管",
    "外卖/快递配送": "骑手、快递员、送餐员",
    "保洁员": "清洁工、保洁",
    "家政服务员": "保姆、钟点工",
    "养老护理员": "护工",
    "厨师帮工": "帮厨、厨工",
    "茶叶采摘工": "采茶工",
    "鞋服车工": "车位工、车缝工",
}

# occupation, national classification code (only where certain), category, unit,
# Quanzhou this year's (low, lower quartile, median, upper quartile, high), shortage, remark
QUANZHOU_TRADES = [
    ("泥水工", "", "建筑装修", "天", (260, 300, 340, 380, 450), True, "含贴砖、抹灰"),
    ("木工", "", "建筑装修", "天", (260, 300, 330, 370, 430), False, ""),
    ("钢筋工", "", "建筑装修", "天", (250, 290, 320, 360, 420), True, ""),
    ("电工", "", "安装维修", "天", (240, 280, 310, 350, 400), True, "须持特种作业操作证"),
    ("焊工", "", "安装维修", "天", (250, 290, 320, 360, 420), True, "须持特种作业操作证"),
    ("油漆工", "", "建筑装修", "天", (220, 260, 290, 320, 380), False, ""),
    ("水电安装工", "", "安装维修", "天", (230, 270, 300, 340, 390), False, ""),
    ("搬运工", "", "装卸搬运", "天", (180, 210, 240, 270, 320), False, "按8小时计"),
    ("仓库理货员", "", "物流仓储", "天", (170, 190, 210, 230, 260), False, ""),
    ("外卖/快递配送", "", "物流配送", "件", (4, 5, 6, 7, 8.5), False, "按单（件）计价，不含平台补贴"),
    ("保洁员", "", "家政服务", "小时", (25, 28, 30, 35, 40), False, ""),
    ("家政服务员", "", "家政服务", "小时", (30, 35, 40, 45, 55), True, ""),
    ("育婴员", "", "家政服务", "月", (5500, 6500, 7500, 8500, 10000), True, "住家，月休4天"),
    ("养老护理员", "4-10-01-05", "养老服务", "月", (4500, 5200, 6000, 6800, 8000), True, ""),
    ("餐厅服务员", "", "餐饮服务", "小时", (20, 22, 25, 28, 32), False, ""),
    ("厨师帮工", "", "餐饮服务", "天", (150, 170, 190, 210, 240), False, ""),
    ("茶叶采摘工", "", "农业", "天", (150, 180, 200, 230, 280), False, "采茶季，安溪等产茶区"),
    ("鞋服车工", "", "制造加工", "天", (220, 260, 290, 320, 380), True, "计件工资折算为日工资"),
    ("石材加工工", "", "制造加工", "天", (230, 260, 290, 320, 360), False, "南安、惠安石材产区"),
]

# Ningde: the same trades at a sample discount, plus a local one.
NINGDE_FACTOR = Decimal("0.93")
NINGDE_EXTRA = [("海上养殖工", "", "渔业", "天", (200, 230, 260, 290, 340), True, "大黄鱼等网箱养殖，出海作业另议")]
NINGDE_SKIP = {"石材加工工"}
# Last year's prices: this year's divided by a per-trade rise, so the change column shows variety.
RISES = [Decimal(x) for x in ("1.05", "1.03", "1.04", "1.00", "1.06", "1.02", "0.98", "1.05", "1.03")]

CITY_FACTS = {
    "quanzhou": ("泉州市人力资源和社会保障局（示例）", QUANZHOU_TRADES, Decimal(1), []),
    "ningde": (
        "宁德市人力资源和社会保障局（示例）",
        [t for t in QUANZHOU_TRADES if t[0] not in NINGDE_SKIP],
        NINGDE_FACTOR,
        NINGDE_EXTRA,
    ),
}


def rounded(value, unit):
    step = Decimal("0.5") if unit in ("件", "小时") else Decimal(5) if unit == "天" else Decimal(100)
    return ((Decimal(value) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step).quantize(Decimal("0.01"))


def rows_for(trades, factor, year):
    rows = []
    for position, (occupation, code, category, unit, bands, shortage, remark) in enumerate(trades):
        divisor = RISES[position % len(RISES)] ** (THIS_YEAR - year)
        low, lower_quartile, median, upper_quartile, high = (
            rounded(Decimal(b) * factor / divisor, unit) for b in bands
        )
        rows.append(
            WageRate(
                sort_order=position,
                occupation=occupation,
                occupation_code=code,
                category=category,
                pay_unit=unit,
                low=low,
                lower_quartile=lower_quartile,
                median=median,
                upper_quartile=upper_quartile,
                high=high,
                is_shortage=shortage,
                remark=remark,
                common_names=COMMON_NAMES.get(occupation, ""),
            )
        )
    return rows


def load(home, stdout):
    index = WageGuideIndexPage.objects.child_of(home).get()
    for city in City.objects.filter(slug__in=CITY_FACTS):
        issuing_body, trades, factor, extra = CITY_FACTS[city.slug]
        for year in (THIS_YEAR - 1, THIS_YEAR):
            if WageGuidePage.objects.filter(city=city, year=year).exists():
                continue
            guide = WageGuidePage(
                title=f"{city.name}{year}年零工岗位工资指导价位（示例）",
                slug=f"{city.slug}-{year}",
                city=city,
                year=year,
                survey_period=f"{year}年1月—6月（示例）",
                issuing_body=issuing_body,
                is_sample=True,
            )
            guide.rates = rows_for(trades + extra, factor, year)
            index.add_child(instance=guide)
            guide.save_revision().publish()
            stdout.write(f"已载入示例工资指导价位：{guide.title}")
