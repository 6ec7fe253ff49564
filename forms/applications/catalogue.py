"""The seed forms and material lists as data: the one source of truth for pages, .docx files and checks.

Quanzhou's annexes 2 (认定申请表) and 3 (补助资金申请表) are printed in full in its plan, so
their fields, labels and layout are copied from there, each citing its line in
``policies/seed_texts/quanzhou_standardisation_plan_2025.txt`` ("QZ 第N行").  Ningde's plan
only names its forms (``ningde_standardisation_plan_2024.txt`` lines 268 and 270, "ND 第N行");
its forms here are an interpretation built from Quanzhou's and are flagged as such
(``FormSpec.interpretation``), as is its materials list, which Ningde's text does not give.
"""

from dataclasses import dataclass, replace

from portal.vocabulary import FACILITY_NAMES, NINGDE, QUANZHOU

RECOGNITION = "recognition"
SUBSIDY = "subsidy"
ONE_TIME = "one_time"
PERFORMANCE = "performance"

SUBSIDY_TYPES = {
    ONE_TIME: "一次性运维补助",  # QZ 第224行; QZ 第14行; ND 第86行
    PERFORMANCE: "绩效补助",  # QZ 第224行; QZ 第16行; ND 第86行
}
MARKET_TYPES = FACILITY_NAMES  # QZ 第147、149行

COPIES_NOTE = "备注：此表一式两份。"  # QZ 第189、239行


@dataclass(frozen=True)
class Part:
    """One item of a compound seed field, e.g. the 身份证号码 in 地址、负责人姓名及身份证号码."""

    key: str
    label: str
    kind: str = "text"


@dataclass(frozen=True)
class Field:
    """One labelled cell of a seed form.

    ``kind`` says how the value is checked and printed: text, choice, county, uscc, phone,
    number, money, bank_account, declaration (the applicant's printed undertaking) or
    approval (the county bureau's box, never filled by the applicant).
    """

    key: str
    label: str
    kind: str
    source: str
    choices: tuple = ()
    parts: tuple = ()
    unit: str = ""
    text: str = ""
    sign_lines: tuple = ()
    note: str = ""

    @property
    def filled_by_applicant(self):
        return self.kind not in ("declaration", "approval")


@dataclass(frozen=True)
class FormSpec:
    city: str
    key: str
    annex: str
    title: str
    header: tuple  # the line above the table: (left, right)
    fields: tuple
    rows: tuple  # the seed table's rows, each a tuple of field keys
    source: str
    footnote: str = COPIES_NOTE
    copies: int = 2
    interpretation: bool = False
    interpretation_note: str = ""
    docx_name: str = ""

    def field(self, key):
        return next(f for f in self.fields if f.key == key)

    @property
    def labels(self):
        return [f.label for f in self.fields]


@dataclass(frozen=True)
class Material:
    number: str  # the circled number the seed uses
    label: str  # the seed's wording
    source: str
    form_key: str = ""  # set when the material is one of the catalogue's forms


def _choice(options):
    return tuple(options.items())


# --- Quanzhou annex 2: 泉州市零工市场（驿站）认定申请表 (QZ 第125-189行) ----------------------
_ORGANISATION_FIELDS = (
    Field("organisation_name", "申请单位名称", "text", "QZ 第130行（附件2）；第196行（附件3）"),
    Field("legal_representative", "法人代表或负责人", "text", "QZ 第133行；第199行"),
    Field("uscc", "统一社会信用代码", "uscc", "QZ 第135行；第201行"),
    Field("registered_address", "登记地址", "text", "QZ 第138行；第204行"),
    Field("phone", "联系电话", "phone", "QZ 第140行；第206行"),
)

QUANZHOU_RECOGNITION = FormSpec(
    city=QUANZHOU,
    key=RECOGNITION,
    annex="附件2",
    title="泉州市零工市场（驿站）认定申请表",  # QZ 第126行
    header=("申报单位（盖章）：", "申报时间："),  # QZ 第128行
    fields=_ORGANISATION_FIELDS
    + (
        Field("market_name", "申请认定的零工市场（驿站）名称", "text", "QZ 第143行"),
        Field("market_type", "类型", "choice", "QZ 第146-149行", choices=_choice(MARKET_TYPES)),
        Field("county", "所属县（市、区）", "county", "QZ 第150行"),
        Field(
            "market_location",
            "零工市场（驿站）地址、负责人姓名及身份证号码",
            "compound",
            "QZ 第153-157行",
            parts=(
                Part("market_address", "地址"),
                Part("manager_name", "负责人姓名"),
                Part("manager_id_number", "身份证号码", "resident_id"),
            ),
        ),
        Field("floor_area", "零工市场（驿站）建筑面积（平方米）", "number", "QZ 第160行", unit="平方米"),
        Field("total_investment", "累计投资总额（万元）", "money", "QZ 第162行", unit="万元"),
        Field("jobs_offered", "提供岗位数", "number", "QZ 第165行"),
        Field("people_placed", "推荐就业人数", "number", "QZ 第167行"),
        Field(
            "uses_platform",
            "是否使用“泉就业”零工平台",
            "choice",
            "QZ 第169行",
            choices=(("yes", "是"), ("no", "否")),
        ),
        Field(
            "declaration",
            "申请单位",
            "declaration",
            "QZ 第172-177行",
            text="本单位愿意承担零工市场相关就业服务工作，并严格按照工作要求开展相关就业服务活动。",
            sign_lines=("负责人（签名）：", "（盖章）　　年　　月　　日"),
        ),
        Field(
            "county_approval",
            "县级人社部门审批意见",
            "approval",
            "QZ 第179-186行",
            text="经审核，同意设立零工市场（驿站）。",
            sign_lines=("（盖章）", "年　　月　　日"),
        ),
    ),
    rows=(
        ("organisation_name",),
        ("legal_representative", "uscc"),
        ("registered_address", "phone"),
        ("market_name",),
        ("market_type", "county"),
        ("market_location",),
        ("floor_area", "total_investment"),
        ("jobs_offered", "people_placed", "uses_platform"),
        ("declaration",),
        ("county_approval",),
    ),
    source="QZ 第125-189行（附件2）",
    docx_name="泉州市零工市场（驿站）认定申请表.docx",
)

# --- Quanzhou annex 3: 泉州市零工市场（驿站）补助资金申请表 (QZ 第191-239行) --------------------
QUANZHOU_SUBSIDY = FormSpec(
    city=QUANZHOU,
    key=SUBSIDY,
    annex="附件3",
    title="泉州市零工市场（驿站）补助资金申请表",  # QZ 第192行
    header=("申报单位（盖章）：", "填表日期：　　年　　月　　日"),  # QZ 第194行
    fields=_ORGANISATION_FIELDS
    + (
        Field("bank_name", "开户银行", "text", "QZ 第209行"),
        Field("bank_account", "银行账号", "bank_account", "QZ 第211行"),
        Field("account_name", "户名", "text", "QZ 第214行"),
        Field(
            "market_name_address",
            "所建设零工市场（驿站）名称、地址",
            "compound",
            "QZ 第217行",
            parts=(Part("market_name", "名称"), Part("market_address", "地址")),
        ),
        Field(
            "amount",
            "申请补贴金额",
            "money",
            "QZ 第220行",
            unit="万元",
            note="表上未写单位；方案中的补助金额均以万元计（QZ 第14、18、20行），故按万元填写（解读）。",
        ),
        Field("subsidy_type", "申请补贴类型", "choice", "QZ 第223-224行", choices=_choice(SUBSIDY_TYPES)),
        Field(
            "declaration",
            "",
            "declaration",
            "QZ 第226-231行",
            text="本零工市场已对所报送相关数据材料进行审核，并对上报数据资料真实性有效性负责。",
            sign_lines=("单位负责人（签名）：", "（盖章）", "年　　月　　日"),
        ),
        Field(
            "county_approval",
            "县级人社部门审批意见",
            "approval",
            "QZ 第233-236行",
            sign_lines=("（盖章）", "年　　月　　日"),
        ),
    ),
    rows=(
        ("organisation_name",),
        ("legal_representative", "uscc"),
        ("registered_address", "phone"),
        ("bank_name", "bank_account"),
        ("account_name",),
        ("market_name_address",),
        ("amount",),
        ("subsidy_type",),
        ("declaration",),
        ("county_approval",),
    ),
    source="QZ 第191-239行（附件3）",
    docx_name="泉州市零工市场（驿站）补助资金申请表.docx",
)

# --- Ningde: the same kinds of forms, named but not printed in its plan -----------------------
NINGDE_NOTE = (
    "宁德市实施方案只列出了附件名称（《宁德市零工市场(驿站)认定申请表》《宁德市零工市场(驿站)补助资金申请表》），"
    "正文未附表样。本表栏目参照泉州市附件2、附件3拟定，属于解读，以宁德市人社局印发的表样为准。"
)
NINGDE_PLATFORM = "全市统一的零工市场线上服务平台"  # ND 第58行


def _ningde_version(spec, title, annex, source, docx_name):
    fields = []
    for item in spec.fields:
        if item.key == "uses_platform":
            item = replace(
                item, label=f"是否使用{NINGDE_PLATFORM}", source="ND 第58行（平台名称）；栏目参照 QZ 第169行"
            )
        else:
            item = replace(item, source=f"参照 {item.source}")
        fields.append(item)
    return replace(
        spec,
        city=NINGDE,
        title=title,
        annex=annex,
        fields=tuple(fields),
        source=source,
        interpretation=True,
        interpretation_note=NINGDE_NOTE,
        docx_name=docx_name,
    )


# Ningde's forms are the standard's own annexes (ND 第266-270行), not the plan's: the plan's
# 附件1 is the standard and its 附件2 the 建设任务指导表 (ND 第118-122行).
NINGDE_RECOGNITION = _ningde_version(
    QUANZHOU_RECOGNITION,
    "宁德市零工市场(驿站)认定申请表",
    "标准附件1",
    "ND 第268行（仅列名称）；栏目参照 QZ 附件2",
    "宁德市零工市场(驿站)认定申请表.docx",
)
NINGDE_SUBSIDY = _ningde_version(
    QUANZHOU_SUBSIDY,
    "宁德市零工市场(驿站)补助资金申请表",
    "标准附件2",
    "ND 第270行（仅列名称）；栏目参照 QZ 附件3",
    "宁德市零工市场(驿站)补助资金申请表.docx",
)

FORMS = {
    (QUANZHOU, RECOGNITION): QUANZHOU_RECOGNITION,
    (QUANZHOU, SUBSIDY): QUANZHOU_SUBSIDY,
    (NINGDE, RECOGNITION): NINGDE_RECOGNITION,
    (NINGDE, SUBSIDY): NINGDE_SUBSIDY,
}

# --- Required materials per city and subsidy type ----------------------------------------------
MATERIALS = {
    (QUANZHOU, ONE_TIME): (
        Material("①", "提供营业执照或统一社会信用代码证书、法定代表人身份证复印件", "QZ 第23行"),
        Material("②", "零工市场（驿站）的房屋租赁合同、房产证或土地使用证明等相关材料复印件", "QZ 第23行"),
        Material("③", "《泉州市零工市场（驿站）认定申请表》（附件2）", "QZ 第23行", RECOGNITION),
        Material("④", "《泉州市零工市场（驿站）补助资金申请表》（附件3）", "QZ 第23行", SUBSIDY),
        Material(
            "⑤",
            "根据《泉州市零工市场标准化建设与服务管理标准（试行）》（附件1）制定的实施方案等其他佐证材料",
            "QZ 第23行",
        ),
    ),
    (QUANZHOU, PERFORMANCE): (
        Material("①", "《泉州市零工市场（驿站）补助资金申请表》（附件3）", "QZ 第24行", SUBSIDY),
        Material("②", "《泉州市零工市场（驿站）推荐成功就业花名册》（附件4）", "QZ 第24行"),
        Material("③", "《泉州市零工市场（驿站）工作考核自评表》（附件5）", "QZ 第24行"),
        Material("④", "工作运营方案落实情况报告等其他考核佐证材料", "QZ 第24行"),
    ),
    (NINGDE, ONE_TIME): (
        Material("①", "营业执照或统一社会信用代码证书、法定代表人身份证复印件", "参照 QZ 第23行"),
        Material(
            "②",
            "零工市场（驿站）场所的房屋租赁合同、房产证或土地使用证明等材料复印件（运维补助按场所面积分档）",
            "参照 QZ 第23行；ND 第86行",
        ),
        Material("③", "《宁德市零工市场(驿站)认定申请表》", "ND 第268行", RECOGNITION),
        Material("④", "《宁德市零工市场(驿站)补助资金申请表》", "ND 第270行", SUBSIDY),
        Material(
            "⑤", "对照《宁德市零工市场规范化建设与服务管理标准》（附件1）的建设情况说明等其他佐证材料", "ND 第66、120行"
        ),
    ),
    (NINGDE, PERFORMANCE): (
        Material("①", "《宁德市零工市场(驿站)补助资金申请表》", "ND 第270行", SUBSIDY),
        Material("②", "《宁德市零工市场(驿站)岗位推荐成功花名册》", "ND 第272行"),
        Material("③", "《宁德市零工市场(驿站)工作考核表》", "ND 第274行"),
        Material("④", "运营情况报告等其他考核佐证材料", "参照 QZ 第24行"),
    ),
}

MATERIALS_INTERPRETATION = {
    NINGDE: (
        "宁德市实施方案未列出申报材料清单。此清单参照泉州市方案第（三）项申报流程，"
        "结合宁德市方案列出的附件名称拟定，属于解读，以县级人社部门要求为准。"
    ),
}


def form_spec(city, key):
    return FORMS[(city, key)]


def forms_for_city(city):
    return [spec for (spec_city, _key), spec in FORMS.items() if spec_city == city]


def materials_for(city, subsidy_type):
    return MATERIALS[(city, subsidy_type)]


def materials_interpretation(city):
    return MATERIALS_INTERPRETATION.get(city, "")


def applicant_keys(spec):
    """Every value key an applicant fills in, compound fields expanded to their parts."""
    keys = []
    for item in spec.fields:
        if not item.filled_by_applicant:
            continue
        if item.parts:
            keys.extend(part.key for part in item.parts)
        else:
            keys.append(item.key)
    return keys
