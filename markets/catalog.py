"""The services and facilities a market or station may offer, as the two standards list them.

Codes are stable (filters and the API use them); names and sources are what the
public sees.  ``ensure_catalog`` is run by a data migration and by the seed step.
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


def ensure_catalog(apps):
    """Create or update the service and facility lists (idempotent)."""
    for model_name, rows in (("MarketService", SERVICES), ("MarketFacility", FACILITIES)):
        model = apps.get_model("markets", model_name)
        for order, (code, name, source) in enumerate(rows):
            model.objects.update_or_create(code=code, defaults={"name": name, "source": source, "sort_order": order})
