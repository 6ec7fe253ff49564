"""The vocabulary of a Chinese wage guide table: pay units and price bands."""

from django.utils.translation import gettext_lazy, gettext_noop

# (the unit as stored and imported, its name as shown: 小时 in Chinese, hour under /en/)
PAY_UNITS = [
    ("小时", gettext_lazy("小时")),
    ("天", gettext_lazy("天")),
    ("件", gettext_lazy("件")),
    ("月", gettext_lazy("月")),
]
UNIT_NAMES = [unit for unit, _label in PAY_UNITS]

# (field, column heading) lowest band first; low, median and high are required.
BANDS = [
    ("low", gettext_noop("低位数")),
    ("lower_quartile", gettext_noop("下四分位数")),
    ("median", gettext_noop("中位数")),
    ("upper_quartile", gettext_noop("上四分位数")),
    ("high", gettext_noop("高位数")),
]
REQUIRED_BANDS = {"low", "median", "high"}
BAND_LABELS = dict(BANDS)

# Columns of the import template and of the downloads, in order: (key, heading).
COLUMNS = [
    ("occupation", "职业（工种）"),
    ("occupation_code", "国家职业分类代码"),
    ("category", "类别"),
    ("pay_unit", "计价单位"),
    *BANDS,
    ("is_shortage", "紧缺职业"),
    ("remark", "备注"),
    ("common_names", "俗称"),  # last: a sheet made from the template before it had one still imports
]
YES_WORDS = {"是", "Y", "YES", "TRUE", "1", "√", "紧缺"}
