"""A few sample notices, each marked ``is_sample`` and quoting the clause of the seed policy it follows."""

import datetime

from portal.regions import City

from .models import NoticeIndexPage, NoticePage

SAMPLE = "<p><strong>（示例内容，仅用于演示平台功能；文中市场名称、分数均为虚构。）</strong></p>"

SAMPLE_NOTICES = [
    {
        "slug": "quanzhou-2026-assessment",
        "title": "关于开展2026年度零工市场（驿站）考核工作的通知（示例）",
        "kind": NoticePage.Kind.NOTICE,
        "city": "quanzhou",
        "issuing_body": "泉州市人力资源和社会保障局（示例）",
        "date": datetime.date(2026, 10, 15),
        "body": SAMPLE + "<p>各县（市、区）人社局：</p>"
        "<p>根据《泉州市零工市场（驿站）标准化建设实施方案》“所在地人社部门于每年11月30日前组织专家对经认定工作时间满半年以上"
        "且取得一定成效的零工市场（驿站）进行考核（见附件5）”的规定，请于2026年11月30日前完成本年度考核。</p>"
        "<p>考核按《泉州市零工市场（驿站）工作考核表》16个项目、满分100分进行，重点考核“泉就业”零工平台使用和相应的工作量和服务成效。"
        "零工市场得分90分及以上评为“五星零工市场”，80分至89分评为“四星零工市场”，70分至79分评为“三星零工市场”；"
        "零工驿站得分90分及以上、80至89分的分别给予绩效补助。</p>"
        "<p>申报绩效补助须提交：补助资金申请表（附件3）、推荐成功就业花名册（附件4）、工作考核自评表（附件5）及工作运营方案落实情况报告等佐证材料。</p>",
    },
    {
        "slug": "quanzhou-2026-star-rating-publicity",
        "title": "2026年度泉州市星级零工市场评定结果公示（示例）",
        "kind": NoticePage.Kind.PUBLICITY,
        "city": "quanzhou",
        "issuing_body": "泉州市人力资源和社会保障局（示例）",
        "date": datetime.date(2026, 11, 20),
        "publicity_start": datetime.date(2026, 11, 20),
        "publicity_end": datetime.date(2026, 11, 26),
        "body": SAMPLE + "<p>根据《泉州市零工市场（驿站）标准化建设实施方案》“评审结果经公示无异议后，"
        "按规定将补助资金支付到申请单位账户”的规定，"
        "现将2026年度星级零工市场评定结果公示如下：</p>"
        "<ul><li>示例区示例街道零工市场：92分，泉州市2026年度五星级零工市场，绩效补助10万元</li>"
        "<li>示例县示例镇零工市场：84分，泉州市2026年度四星级零工市场，绩效补助8万元</li>"
        "<li>示例市示例社区零工市场：75分，泉州市2026年度三星级零工市场，绩效补助5万元</li></ul>"
        "<p>公示期内如有异议，请通过本平台“投诉建议”栏目或向所在地人社部门反映。</p>",
    },
    {
        "slug": "ningde-2026-q4-report",
        "title": "关于报送2026年第四季度零工市场（驿站）建设情况的通知（示例）",
        "kind": NoticePage.Kind.NOTICE,
        "city": "ningde",
        "issuing_body": "宁德市人力资源和社会保障局（示例）",
        "date": datetime.date(2026, 11, 10),
        "body": SAMPLE + "<p>各县（市、区）人社局，东侨经济技术开发区人社局：</p>"
        "<p>根据《宁德市零工市场规范化建设实施方案》（宁人社规〔2024〕3号）“于每个季度末汇总本地区零工市场(驿站)建设情况(见附件3),"
        "及时报送市人社局汇总”的要求，请于本季度末汇总报送《宁德市零工市场(驿站)建设情况汇总表》。</p>"
        "<p>提示：该方案有效期至2026年12月31日。</p>",
    },
    {
        "slug": "ningde-2026-recognition-publicity",
        "title": "宁德市2026年第三批零工驿站认定结果公示（示例）",
        "kind": NoticePage.Kind.PUBLICITY,
        "city": "ningde",
        "issuing_body": "宁德市人力资源和社会保障局（示例）",
        "date": datetime.date(2026, 9, 1),
        "publicity_start": datetime.date(2026, 9, 1),
        "publicity_end": datetime.date(2026, 9, 7),
        "body": SAMPLE + "<p>根据《宁德市零工市场规范化建设实施方案》，对经认定符合规范化建设标准的零工驿站，"
        "按场所面积给予一次性运维补助"
        "（30-40㎡（含40㎡）3万元、40㎡-50㎡（含50㎡）4万元、50㎡以上5万元）。现将认定结果公示如下：</p>"
        "<ul><li>示例县示例村零工驿站：场所面积45㎡，一次性运维补助4万元</li></ul>",
    },
]


def load(home, stdout):
    index = NoticeIndexPage.objects.child_of(home).get()
    cities = {city.slug: city for city in City.objects.all()}
    for spec in SAMPLE_NOTICES:
        if NoticePage.objects.child_of(index).filter(slug=spec["slug"]).exists():
            continue
        fields = dict(spec, city=cities.get(spec["city"]), is_sample=True)
        page = NoticePage(**fields)
        index.add_child(instance=page)
        page.save_revision().publish()
        stdout.write(f"已载入示例通知公告：{page.title}")
