"""The services and facilities a market or station may offer, as the two standards list them, and the trades
(职业/工种) a market mainly serves.

Codes are stable (filters and the API use them); names and sources are what the
public sees.  ``ensure_catalog`` is run by data migrations and by the seed step.
"""

# (code, name, source clause)
SERVICES = [
    ("job_referral", "职业介绍", "泉州标准第1条；宁德标准第1条"),
    ("career_guidance", "职业指导", "泉州标准第1、10条；宁德标准第1、10条"),
    ("policy_consultation", "政策咨询", "泉州标准第1、12条；宁德标准第1、12条"),
    ("registration", "求职招聘登记", "泉州标准第1、10条；宁德标准第1、10条"),
    ("quick_matching", "零工岗位撮合（即时快招）", "宁德标准第1、8条"),
    ("hardship_assistance", "困难援助", "泉州标准第1条"),
    ("skills_training", "技能培训", "泉州标准第1、14条；宁德标准第1、14条（就业技能培训）"),
    ("entrepreneurship", "创业服务", "泉州标准第1、17条；宁德标准第1条"),
    ("rights_protection", "权益维护", "泉州标准第1、18条；宁德标准第1、16条"),
]

FACILITIES = [
    ("rest_seating", "休息座椅", "泉州标准第7条；宁德标准第6条"),
    ("phone_charging", "手机充电", "泉州标准第7条；宁德标准第6条"),
    ("drinking_water", "饮水取用", "泉州标准第7条；宁德标准第6条"),
    ("accessibility", "无障碍设施", "泉州标准第5条"),
    ("air_conditioning", "空调通风", "泉州标准第7条；宁德标准第6条"),
    ("wifi", "无线网络", "宁德标准第6条"),
    ("first_aid", "急救药箱", "宁德标准第6条"),
    ("tool_storage", "劳动工具租赁寄存", "宁德标准第6条"),
    ("meal_heating", "饭食加热", "宁德标准第6条"),
    ("parking", "户外停车", "泉州标准第7条"),
    ("writing_desk", "写字桌椅", "泉州标准第7条；宁德标准第6条"),
    ("self_service_kiosk", "自助查询机", "泉州标准第6条；宁德标准第6条"),
    ("info_screen", "信息发布大屏", "泉州标准第6条；宁德标准第6条"),
    ("job_terminal", "招聘展位终端", "泉州标准第6条；宁德标准第6条"),
    ("notice_board", "公告宣传栏", "泉州标准第6条；宁德标准第6条"),
    ("guide_machine", "服务引导机", "泉州标准第6条"),
]


# Both cities require the trades to be published (宁德方案 三（三）“职业（工种、岗位）”; 泉州标准第9条、宁德标准第9条
# “职业（工种）”) but neither lists them: these are common gig-work trades of the two cities' markets, a starting
# vocabulary the bureau edits in the admin (零工市场设置 → 职业（工种）). The source says so.
TRADE_SOURCE = "常见零工工种，由人社局维护（两地政策要求公布职业（工种），未列举名称）"
TRADES = [
    ("masonry", "泥水工", TRADE_SOURCE),
    ("carpentry", "木工", TRADE_SOURCE),
    ("rebar", "钢筋工", TRADE_SOURCE),
    ("painting", "油漆工", TRADE_SOURCE),
    ("plumbing_electrical", "水电安装工", TRADE_SOURCE),
    ("welding", "电焊工", TRADE_SOURCE),
    ("loading", "搬运工", TRADE_SOURCE),
    ("cleaning", "保洁员", TRADE_SOURCE),
    ("housekeeping", "家政服务员", TRADE_SOURCE),
    ("elderly_care", "养老护理员", TRADE_SOURCE),
    ("childcare", "育婴员", TRADE_SOURCE),
    ("kitchen_helper", "厨房帮工", TRADE_SOURCE),
    ("waiting_staff", "餐厅服务员", TRADE_SOURCE),
    ("sorting", "快递分拣员", TRADE_SOURCE),
    ("delivery", "配送员", TRADE_SOURCE),
    ("security_guard", "保安员", TRADE_SOURCE),
    ("greening", "绿化工", TRADE_SOURCE),
    ("general_worker", "普工", TRADE_SOURCE),
    ("sewing", "缝纫工", TRADE_SOURCE),
    ("shoemaking", "制鞋工", TRADE_SOURCE),
    ("ceramics", "陶瓷工", TRADE_SOURCE),
    ("stone_processing", "石材加工工", TRADE_SOURCE),
    ("tea_picking", "采茶制茶工", TRADE_SOURCE),
    ("seafood_processing", "水产加工工", TRADE_SOURCE),
    ("mushroom_growing", "食用菌种植工", TRADE_SOURCE),
]

# (model, rows, whether a saved row is brought back to the row here): services and facilities follow the standards'
# wording; trades are the bureau's own vocabulary, so its renames are kept and only missing trades are added.
CATALOG = (("MarketService", SERVICES, True), ("MarketFacility", FACILITIES, True), ("MarketTrade", TRADES, False))


def ensure_catalog(apps):
    """Create or update the service, facility and trade lists (idempotent)."""
    for model_name, rows, update in CATALOG:
        try:
            model = apps.get_model("markets", model_name)
        except LookupError:  # an earlier migration, before the model existed
            continue
        save = model.objects.update_or_create if update else model.objects.get_or_create
        for order, (code, name, source) in enumerate(rows):
            save(code=code, defaults={"name": name, "source": source, "sort_order": order})
