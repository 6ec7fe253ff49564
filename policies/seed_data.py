"""What the seed loader needs beyond the texts themselves: document metadata, the assessment criteria of
Quanzhou's annex 5 with the clauses each is governed by, and the rule values with their citations.

Values the sources leave open are marked ``interpretation`` with the reason; the bureau can change them in
the admin (规则取值).
"""

import datetime
from decimal import Decimal as D

QUANZHOU_PLAN = "quanzhou-standardisation-plan-2025"
NINGDE_PLAN = "ningde-standardisation-plan-2024"

POLICIES = [
    {
        "slug": QUANZHOU_PLAN,
        "file": "quanzhou_standardisation_plan_2025.txt",
        "city": "quanzhou",
        "fields": {
            "title": "泉州市零工市场（驿站）标准化建设实施方案（征求意见稿）",
            "document_number": "",
            "issuing_bodies": "泉州市人力资源和社会保障局",
            # "2025年3月 日": the day is left blank in the draft; the 1st only orders the list.
            "issue_date": datetime.date(2025, 3, 1),
            "issue_date_text": "2025年3月",
            "effective_date": None,  # 自文件印发之日起执行: not yet issued
            "expiry_date": datetime.date(2027, 12, 31),
            "kind": "plan",
            "is_consultation_draft": True,
            "clauses_title": "附件1 泉州市零工市场标准化建设与服务管理标准（试行）",
        },
    },
    {
        "slug": NINGDE_PLAN,
        "file": "ningde_standardisation_plan_2024.txt",
        "city": "ningde",
        "fields": {
            "title": "宁德市零工市场规范化建设实施方案",
            "document_number": "宁人社规〔2024〕3号",
            "issuing_bodies": "宁德市人力资源和社会保障局、宁德市财政局",
            "issue_date": datetime.date(2024, 3, 13),
            "effective_date": datetime.date(2024, 3, 13),  # 自印发之日起执行
            "expiry_date": datetime.date(2026, 12, 31),
            "kind": "plan",
            "is_consultation_draft": False,
            "clauses_title": "附件1 宁德市零工市场规范化建设与服务管理标准",
        },
    },
]

# Quanzhou annexes 4-5 as printed in the source (annex 1 is the standard, loaded as clauses; annexes 2 and 3, the
# application forms, are the operators' forms: forms.applications.catalogue describes them and its seed attaches them).
QUANZHOU_ANNEXES = [
    {
        "label": "附件4",
        "title": "泉州市零工市场（驿站）推荐成功就业花名册",
        "columns": ["序号", "姓名", "身份证号码", "现居住地", "联系电话", "实现就业企业名称", "推荐时间"],
        "header": "零工市场（驿站）：　　　　　　开办地点：",
        "footer": "填报人（签名）：　　　负责人（签名）：　　　填报日期：　　年　月　日",
    },
    {
        "label": "附件5",
        "title": "泉州市零工市场（驿站）工作考核表",
        "criteria": True,
        "header": "实施单位名称（盖章）：　　　　所属县市区：　　　　考核日期：　　年　月　日",
    },
]

NINGDE_ANNEXES = [
    ("附件2", "宁德市零工市场(驿站)建设任务指导表"),
    ("附件3", "宁德市零工市场(驿站)建设情况汇总表"),
    ("标准附件1", "宁德市零工市场(驿站)认定申请表"),
    ("标准附件2", "宁德市零工市场(驿站)补助资金申请表"),
    ("标准附件3", "宁德市零工市场(驿站)岗位推荐成功花名册"),
    ("标准附件4", "宁德市零工市场(驿站)工作考核表"),
]
NINGDE_ANNEX_NOTE = "原文仅列出附件名称，未附表格内容；表格由市人社局另行提供。"

# Quanzhou annex 5: (number, category, title, rule text, max points, computation, clauses of annex 1).
QZ_CRITERIA = [
    (
        1,
        "基础设施（10分）",
        "服务场所、服务设施",
        "服务场所：零工市场(驿站)应在明显位置处统一标识，应遵循科学规划、合理选址、节约资源的原则，服务场所功能划分明确，"
        "符合国家和省、市有关安全规定（零工市场服务场所面积应不少于200㎡，零工驿站服务场所面积应不少于30㎡）。"
        "服务设施：应具备健全的服务制度、齐全的服务设备和办公设施设备、顺畅使用“泉就业”零工平台。完整的服务项目、"
        "清晰的服务流程、专业的服务队伍。",
        10,
        "",
        [1, 2, 3, 4, 5, 6, 7],
    ),
    (
        2,
        "人员管理（5分）",
        "人员管理",
        "配备适当数量的工作人员，设置工作岗位，明确岗位职责，工作人员具备相关政策、法律法规及业务知识的服务能力"
        "（零工市场工作人员配备2人及以上得5分，1人得3分；零工驿站工作人员配备1人及以上得5分，0人不得分）。",
        5,
        "staff",
        [21, 22],
    ),
    (
        3,
        "公共就业服务内容（65分）",
        "招聘服务",
        "参与各类公共就业服务活动，指导务工招工群体进行线上求职招聘；就业服务场所工作时间应正常开放，"
        "开展即时供求对接并受理相关经办业务。",
        5,
        "",
        [8],
    ),
    (
        4,
        "公共就业服务内容（65分）",
        "招聘服务",
        "应充分利用就业服务场所各类信息服务渠道，合法规范、及时有效采集发布非全日制用工、临时性和阶段性用工等零工招聘信息，"
        "不得含有就业歧视性内容（零工市场依托“泉就业”零工平台每年发布岗位信息达500个以上的得5分，500个以下的得3分；"
        "零工驿站年发布岗位信息达200个以上的得5分，200个以下的得3分；岗位信息重复发布的只统计首次登记发布的）。",
        5,
        "postings",
        [9],
    ),
    (
        5,
        "公共就业服务内容（65分）",
        "求职服务",
        "应为辖区内零工和用工主体提供针对性的免费公共就业服务，主要包括职业介绍、职业指导、政策咨询、失业登记、失业帮扶、"
        "困难援助、技能培训、创业服务等。",
        5,
        "",
        [1],
    ),
    (
        6,
        "公共就业服务内容（65分）",
        "求职服务",
        "指导有意愿灵活就业求职人员如实规范进行求职登记，准确掌握服务对象基本信息、就业需求、就业能力等情况。",
        5,
        "",
        [10],
    ),
    (
        7,
        "公共就业服务内容（65分）",
        "求职服务",
        "为有意愿灵活就业的求职人员提供“一对一”职业指导服务，精准匹配和推荐零工岗位信息。"
        "（为每名登记在册的有意愿灵活就业的求职人员每人推荐3次以上得满分，2－3次得4分，1次得3分）。",
        5,
        "recommendations",
        [10],
    ),
    (
        8,
        "公共就业服务内容（65分）",
        "求职服务",
        "主动服务暂时无业的求职人员办理失业登记，并为就业困难人员等群体实施优先扶持和重点援助。",
        5,
        "",
        [11, 12],
    ),
    (
        9,
        "公共就业服务内容（65分）",
        "成功推荐就业",
        "成功推荐就业岗位：1.零工市场月均推荐10人成功就业得5分，月均每增加推荐1人成功就业，多得1分，满分15分。"
        "2.零工驿站月均推荐5人成功就业得5分，月均每增加推荐1人成功就业，多得1.5分，满分15分。",
        15,
        "placements",
        [10, 13],
    ),
    (
        10,
        "公共就业服务内容（65分）",
        "政策服务",
        "应定期发布有关促进就业的各类政策信息，张贴“泉就业”零工平台小程序二维码；向有意愿灵活就业且符合条件的人员精准推送。",
        5,
        "",
        [12, 13],
    ),
    (
        11,
        "公共就业服务内容（65分）",
        "培训创业服务",
        "根据零工人员的能力、素质和务工需求，提供符合实际、易学易用的培训课程或培训信息。受理经办灵活就业人员培训报名，"
        "推送培训项目和培训机构信息。",
        5,
        "",
        [14, 15],
    ),
    (
        12,
        "公共就业服务内容（65分）",
        "培训创业服务",
        "可与相关培训机构建立紧密合作关系，根据零工市场岗位招聘需求，开发培训时间和培训方式更加灵活的培训项目，"
        "协助落实培训补贴政策。",
        5,
        "",
        [16],
    ),
    (
        13,
        "公共就业服务内容（65分）",
        "培训创业服务",
        "为有创业意愿的灵活就业人员提供创业培训、项目推介、开业指导、担保贷款等创业服务。",
        5,
        "",
        [17],
    ),
    (
        14,
        "权益维护（5分）",
        "权益维护",
        "向零工人员提供就近劳动维权服务的渠道和信息，包括当地公共法律服务、劳动保障监察维权服务等。"
        "严厉打击黑中介、发布虚假招聘信息以及其他违法活动等。",
        5,
        "",
        [18, 19, 20],
    ),
    (
        15,
        "平台发布（10分）",
        "平台发布",
        "积极配合属地人社部门做好本地公共就业服务所需的零工岗位信息、求职信息、招聘信息、培训创业需求等信息报送工作。",
        10,
        "",
        [6, 9],
    ),
    (
        16,
        "其他奖励加分项（5分）",
        "荣誉和宣传报道",
        "近2年来获得过各级荣誉、宣传报道：国家级以上荣誉、宣传报道计5分；省级及以上荣誉、宣传报道计3分；"
        "市级以上的荣誉、宣传报道计1分；获得过县级以上的荣誉、宣传报道计0.5分。总计5分，需提供相关佐证。",
        5,
        "honors",
        [],
    ),
]

# Ningde's 工作考核表 (实施方案 附件4) is named but not given: Quanzhou's 16 items and points, each tied to the
# clause of Ningde's standard (附件1) on the same subject.
ND_CRITERIA_NOTE = (
    "解读：宁德市实施方案附件4《宁德市零工市场(驿站)工作考核表》未随文给出，本平台按泉州市实施方案附件5的考核项目和分值取值，"
    "依据条款取宁德市规范化建设与服务管理标准中内容相同的条款；宁德市人社局印发考核表后以其为准。"
)
ND_CRITERIA_CLAUSES = {
    1: [2, 3, 4, 5, 6, 7],
    2: [19, 21],
    3: [8],
    4: [9],
    5: [1],
    6: [10],
    7: [10],
    8: [11],
    9: [10],
    10: [12, 13],
    11: [14, 15],
    12: [15],
    13: [14],
    14: [16, 17, 18],
    15: [6, 9],
    16: [],
}

# Rule values: (key, facility type or "", threshold, value, citation, source, interpretation note or "").
# source is ("clause", number) for a clause of the standard, ("anchor", "part-2-2") for the plan's text.
QZ_PLAN_REWARDS = ("anchor", "part-2-2")
QZ_RULES = [
    ("min_area_m2", "market", None, D(200), "附件1 第3条", ("clause", 3), ""),
    ("min_area_m2", "station", None, D(30), "附件1 第3条", ("clause", 3), ""),
    ("min_staff", "market", None, D(2), "附件1 第21条", ("clause", 21), ""),
    ("min_staff", "station", None, D(1), "附件1 第21条", ("clause", 21), ""),
    ("min_months_for_performance", "", None, D(6), "实施方案 二（二）：经认定工作时间满半年以上", QZ_PLAN_REWARDS, ""),
    ("one_time_by_area", "market", D(0), D(50000), "实施方案 二（二）：零工市场每家5万元", QZ_PLAN_REWARDS, ""),
    ("one_time_by_area", "station", D(0), D(20000), "实施方案 二（二）：零工驿站每家2万元", QZ_PLAN_REWARDS, ""),
    ("stars_by_score", "market", D(90), D(5), "实施方案 二（二）1：90分及以上五星", QZ_PLAN_REWARDS, ""),
    ("stars_by_score", "market", D(80), D(4), "实施方案 二（二）1：80分至89分四星", QZ_PLAN_REWARDS, ""),
    ("stars_by_score", "market", D(70), D(3), "实施方案 二（二）1：70分至79分三星", QZ_PLAN_REWARDS, ""),
    ("subsidy_by_stars", "market", D(5), D(100000), "实施方案 二（二）1：五星10万元", QZ_PLAN_REWARDS, ""),
    ("subsidy_by_stars", "market", D(4), D(80000), "实施方案 二（二）1：四星8万元", QZ_PLAN_REWARDS, ""),
    ("subsidy_by_stars", "market", D(3), D(50000), "实施方案 二（二）1：三星5万元", QZ_PLAN_REWARDS, ""),
    (
        "subsidy_by_score",
        "station",
        D(90),
        D(30000),
        "实施方案 二（二）2：90分及以上3万元",
        QZ_PLAN_REWARDS,
        "泉州方案未对零工驿站规定星级，零工驿站不评星级，按考核得分直接确定绩效补助。",
    ),
    (
        "subsidy_by_score",
        "station",
        D(80),
        D(20000),
        "实施方案 二（二）2：80至89分2万元",
        QZ_PLAN_REWARDS,
        "泉州方案未对零工驿站规定星级，零工驿站不评星级，按考核得分直接确定绩效补助。",
    ),
    ("staff_points", "market", D(2), D(5), "附件5 第2项：2人及以上得5分", ("clause", 21), ""),
    ("staff_points", "market", D(1), D(3), "附件5 第2项：1人得3分", ("clause", 21), ""),
    ("staff_points", "station", D(1), D(5), "附件5 第2项：1人及以上得5分，0人不得分", ("clause", 21), ""),
    (
        "postings_points",
        "market",
        D(500),
        D(5),
        "附件5 第4项：年发布500个以上得5分",
        ("clause", 9),
        "“500个以上”与“500个以下”按惯例均含本数，恰为500个时按较高的5分计。",
    ),
    ("postings_points", "market", D(0), D(3), "附件5 第4项：500个以下得3分", ("clause", 9), ""),
    (
        "postings_points",
        "station",
        D(200),
        D(5),
        "附件5 第4项：年发布200个以上得5分",
        ("clause", 9),
        "“200个以上”与“200个以下”按惯例均含本数，恰为200个时按较高的5分计。",
    ),
    ("postings_points", "station", D(0), D(3), "附件5 第4项：200个以下得3分", ("clause", 9), ""),
    (
        "recommendation_points",
        "",
        D(3),
        D(5),
        "附件5 第7项：每人推荐3次以上得满分",
        ("clause", 10),
        "原文“3次以上得满分”与“2－3次得4分”在3次处重叠，恰为3次时按满分5分计。",
    ),
    ("recommendation_points", "", D(2), D(4), "附件5 第7项：2－3次得4分", ("clause", 10), ""),
    ("recommendation_points", "", D(1), D(3), "附件5 第7项：1次得3分", ("clause", 10), ""),
    ("placement_base", "market", None, D(10), "附件5 第9项：零工市场月均推荐10人成功就业", ("clause", 13), ""),
    ("placement_base", "station", None, D(5), "附件5 第9项：零工驿站月均推荐5人成功就业", ("clause", 13), ""),
    ("placement_base_points", "", None, D(5), "附件5 第9项：达到基准人数得5分", ("clause", 13), ""),
    ("placement_points_per_extra", "market", None, D(1), "附件5 第9项：每增加1人多得1分", ("clause", 13), ""),
    ("placement_points_per_extra", "station", None, D("1.5"), "附件5 第9项：每增加1人多得1.5分", ("clause", 13), ""),
    ("placement_cap", "", None, D(15), "附件5 第9项：满分15分", ("clause", 13), ""),
    (
        "placement_points_below_base",
        "market",
        None,
        D("0.5"),
        "附件5 第9项（原文未规定低于10人的得分）",
        ("clause", 13),
        "原文未规定零工市场月均成功就业不足10人的得分，暂按每人0.5分计（10人即5分），由市人社局确认。",
    ),
    (
        "placement_points_below_base",
        "station",
        None,
        D(1),
        "附件5 第9项（原文未规定低于5人的得分）",
        ("clause", 13),
        "原文未规定零工驿站月均成功就业不足5人的得分，暂按每人1分计（5人即5分），由市人社局确认。",
    ),
    ("honor_points", "", D(1), D(5), "附件5 第16项：国家级以上计5分", ("anchor", "annexes"), ""),
    ("honor_points", "", D(2), D(3), "附件5 第16项：省级及以上计3分", ("anchor", "annexes"), ""),
    ("honor_points", "", D(3), D(1), "附件5 第16项：市级以上计1分", ("anchor", "annexes"), ""),
    ("honor_points", "", D(4), D("0.5"), "附件5 第16项：县级以上计0.5分", ("anchor", "annexes"), ""),
    ("honor_cap", "", None, D(5), "附件5 第16项：总计5分", ("anchor", "annexes"), ""),
    (
        "honor_years",
        "",
        None,
        D(2),
        "附件5 第16项：近2年来获得过各级荣誉、宣传报道",
        ("anchor", "annexes"),
        "原文“近2年来获得过各级荣誉、宣传报道……总计5分”：只计考核日前2年内获得的荣誉（填写获得日期时按日期核对），"
        "每项按其级别计分后相加，合计不超过5分。",
    ),
    (
        "score_decimals",
        "",
        None,
        D(1),
        "实施方案 二（二）1、2：80分至89分、70分至79分（原文未规定小数分）",
        QZ_PLAN_REWARDS,
        "原文分数段为“80分至89分”“70分至79分”，未规定89.5分这类介于两段之间的得分：总分保留1位小数后对照分数段，"
        "89.5分未达到90分，计入80分至89分一档；如改为四舍五入取整，将此值改为0。",
    ),
    (
        "expert_trim",
        "",
        None,
        D(0),
        "实施方案 二（二）：组织专家……进行考核（原文未规定专家评分如何汇总）",
        QZ_PLAN_REWARDS,
        "原文规定由专家考核，未规定多名专家的评分如何汇总：每个考核项目的考核分值取各位专家评分的平均数，"
        "保留1位小数（四舍五入）；如改为去掉最高分和最低分各1个后平均，将此值改为1（评分专家多于2人时适用）。",
    ),
    (
        "recommendation_share",
        "",
        None,
        D(100),
        "附件5 第7项：为每名登记在册的求职人员每人推荐3次以上",
        ("clause", 10),
        "原文“为每名登记在册的有意愿灵活就业的求职人员每人推荐3次以上得满分”按每名求职人员计，不按平均数："
        "以全部登记求职人员都达到的推荐次数对照分档（只填一个次数时，填推荐次数最少的求职人员的次数）。",
    ),
    (
        "placement_fractions",
        "",
        None,
        D(0),
        "附件5 第9项：月均每增加推荐1人成功就业，多得1分",
        ("clause", 13),
        "原文按“每增加推荐1人成功就业”加分：超出基准的月均人数按满1人计，不足1人的部分不加分"
        "（如零工市场月均12.5人按多2人计）；如改为按比例计分，将此值改为1。",
    ),
]

ND_PLAN_SUBSIDIES = ("anchor", "part-2-4")
ND_STARS_NOTE = (
    "宁德方案未规定星级评定的分数线，暂参照泉州方案按90分、80分、70分评定五星、四星、三星，由市人社局确认或修改。"
)
ND_RAISE_NOTE = "各地可根据实际情况，适当提高补助标准（实施方案 二（四）1），以所在县（市、区）规定为准。"
ND_RULES = [
    ("min_area_m2", "market", None, D(60), "附件1 第3条", ("clause", 3), ""),
    ("min_area_m2", "station", None, D(30), "附件1 第3条", ("clause", 3), ""),
    ("min_staff", "market", None, D(2), "附件1 第19条", ("clause", 19), ""),
    ("min_staff", "station", None, D(1), "附件1 第19条", ("clause", 19), ""),
    (
        "min_months_for_performance",
        "",
        None,
        D(12),
        "实施方案 二（四）1：连续运营满1年后开展星级认定",
        ND_PLAN_SUBSIDIES,
        "",
    ),
    (
        "one_time_by_area",
        "market",
        D(0),
        D(150000),
        "实施方案 二（四）1：60-80㎡(含80㎡)15万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "one_time_by_area",
        "market",
        D(80),
        D(200000),
        "实施方案 二（四）1：80-100㎡(含100㎡)20万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "one_time_by_area",
        "market",
        D(100),
        D(300000),
        "实施方案 二（四）1：100㎡以上30万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "one_time_by_area",
        "station",
        D(0),
        D(30000),
        "实施方案 二（四）1：30-40㎡(含40㎡)3万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "one_time_by_area",
        "station",
        D(40),
        D(40000),
        "实施方案 二（四）1：40㎡-50㎡(含50㎡)4万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "one_time_by_area",
        "station",
        D(50),
        D(50000),
        "实施方案 二（四）1：50㎡以上5万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    ("stars_by_score", "", D(90), D(5), "实施方案 二（四）1（原文未规定分数线）", ND_PLAN_SUBSIDIES, ND_STARS_NOTE),
    ("stars_by_score", "", D(80), D(4), "实施方案 二（四）1（原文未规定分数线）", ND_PLAN_SUBSIDIES, ND_STARS_NOTE),
    ("stars_by_score", "", D(70), D(3), "实施方案 二（四）1（原文未规定分数线）", ND_PLAN_SUBSIDIES, ND_STARS_NOTE),
    (
        "subsidy_by_stars",
        "market",
        D(5),
        D(150000),
        "实施方案 二（四）1：零工市场五星15万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "subsidy_by_stars",
        "market",
        D(4),
        D(100000),
        "实施方案 二（四）1：零工市场四星10万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "subsidy_by_stars",
        "market",
        D(3),
        D(50000),
        "实施方案 二（四）1：零工市场三星5万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "subsidy_by_stars",
        "station",
        D(5),
        D(30000),
        "实施方案 二（四）1：零工驿站五星3万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "subsidy_by_stars",
        "station",
        D(4),
        D(20000),
        "实施方案 二（四）1：零工驿站四星2万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "subsidy_by_stars",
        "station",
        D(3),
        D(10000),
        "实施方案 二（四）1：零工驿站三星1万元",
        ND_PLAN_SUBSIDIES,
        ND_RAISE_NOTE,
    ),
    (
        "score_decimals",
        "",
        None,
        D(1),
        "实施方案 二（四）1（原文未规定分数线及小数分）",
        ND_PLAN_SUBSIDIES,
        "宁德方案未规定分数线，也未规定小数分如何归档：总分保留1位小数后对照分数线（89.9分计入四星一档）；"
        "如改为四舍五入取整，将此值改为0。",
    ),
    (
        "expert_trim",
        "",
        None,
        D(0),
        "实施方案 二（四）1：年度绩效考核（原文未规定考核方式）",
        ND_PLAN_SUBSIDIES,
        "原文规定由专家考核，未规定多名专家的评分如何汇总：每个考核项目的考核分值取各位专家评分的平均数，"
        "保留1位小数（四舍五入）；如改为去掉最高分和最低分各1个后平均，将此值改为1（评分专家多于2人时适用）。",
    ),
]
# Notes that explain a value stated in the source (not interpretations).
PLAIN_NOTES = {ND_RAISE_NOTE}
RULES = {"quanzhou": (QUANZHOU_PLAN, QZ_RULES), "ningde": (NINGDE_PLAN, ND_RULES)}
