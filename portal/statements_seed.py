"""The statements every government site carries (隐私政策, 无障碍声明), linked from the footer through the site's
information (设置 → 网站信息), which city administrators fill in. Created once; editors' changes are kept.

The privacy notice's table of forms, data and periods is not typed here: the page builds it from the code and the
retention setting (``portal.privacy``). The filing numbers and the 网站标识码 are left empty for the bureau (an empty
one shows nothing); the contacts start with each bureau's name and the national 人社 hotline 12333 only, as the
seeds give no address, number or office hours.
"""

from django.contrib.auth.models import Permission
from wagtail.models import Site

from .models import PrivacyNoticePage, StatementPage
from .pages import ensure_child
from .regions import City
from .roles import StaffScope
from .scoping import groups_with_role
from .site_settings import SiteInformation

PRIVACY_SLUG = "privacy"
ACCESSIBILITY_SLUG = "accessibility"

PRIVACY_TITLE = "隐私政策"
PRIVACY_INTRO = (
    "<p>本平台由泉州市人力资源和社会保障局、宁德市人力资源和社会保障局主办。我们依照《中华人民共和国个人信息保护法》"
    "处理您的个人信息，遵循合法、正当、必要和诚信原则，只收集办理事项所必需的个人信息，并在此公开处理规则。</p>"
)
PRIVACY_BODY = (
    "<h2>处理依据</h2>"
    "<p>人社部门为履行法定职责处理个人信息（《个人信息保护法》第十三条第一款第三项、第三十四条），"
    "不超出履行职责所必需的范围和限度；"
    "您自愿填写的选填信息（如投诉时的电子邮箱、征求意见时的联系方式），以您的同意为依据，您可以不填。"
    "</p>"
    "<h2>敏感个人信息</h2>"
    "<p>身份证号码、银行账号属于敏感个人信息（第二十八条）。本平台只在认定、"
    "补助资金申请和年度考核花名册中收集，"
    "用于核实身份和拨付资金。</p>"
    "<h2>我们如何保护您的个人信息</h2>"
    "<ul>"
    "<li>身份证号码、电话号码、银行账号和联系方式加密保存，页面和后台只显示部分号码；"
    "工作人员查看完整号码或联系方式须另行操作，每次查看都留下记录。</li>"
    "<li>工作人员只能查看本县（市、区）或本市的事项。</li>"
    "<li>投诉人的联系方式不对外公开；公开答复只显示受理编号、办理状态和答复内容。</li>"
    "<li>保存期限届满，平台每日自动删除到期的个人信息，并在办理记录中注明。</li>"
    "</ul>"
    "<h2>Cookie 和本地存储</h2>"
    "<p>本平台不使用第三方统计或广告。提交表单和登录时使用必要的 Cookie（会话和防伪造校验）；"
    "“大字模式”的选择只保存在您的浏览器中。"
    "查看地图时，您的浏览器会向地图服务提供方请求地图图片。</p>"
    "<h2>您的权利</h2>"
    "<p>您有权查阅、复制、更正、补充您的个人信息，在法定情形下要求删除，"
    "并要求我们解释个人信息处理规则（第四十四条至第四十八条）。"
    "投诉人、异议人可凭受理编号和查询码查询办理情况；运营单位可登录“我的办理”查看申请，修改草稿和退回的申请。"
    "行使上述权利或对个人信息处理有疑问的，请通过“投诉建议 → 意见建议”或页脚的联系方式与我们联系，"
    "我们将依法及时处理并答复。</p>"
    "<h2>运营单位上传他人信息</h2>"
    "<p>运营单位在花名册中填写推荐成功就业人员的信息前，应当告知本人用于考核核实，并确保信息真实。</p>"
)

ACCESSIBILITY_TITLE = "无障碍声明"
ACCESSIBILITY_INTRO = (
    "<p>泉州市、宁德市人力资源和社会保障局致力于让每个人，包括老年人和残障人士，"
    "都能使用本平台查找零工市场、了解政策和办理事项。</p>"
)
ACCESSIBILITY_BODY = (
    "<h2>遵循的标准</h2>"
    "<p>本平台按照《Web内容无障碍指南》（WCAG）2.1 AA级和国家标准 GB/T 37668—2019"
    "《信息技术 互联网内容无障碍可访问性技术要求与测试方法》建设。</p>"
    "<h2>已经提供的便利</h2>"
    "<ul>"
    "<li>“大字模式”：页面右上角一键放大文字并提高对比度，下次访问时保留。</li>"
    "<li>手机优先的页面布局，按钮和选项足够大，便于点按。</li>"
    "<li>可以只用键盘操作，每页开头有“跳到正文”链接，并显示当前位置（面包屑导航）。</li>"
    "<li>表单的每一项都有名称，必要时附填写说明；提交有误时，页面直接跳到错误摘要，逐项说明如何修改。"
    "</li>"
    "<li>验证码看不清时，可以换一张或收听语音验证码。</li>"
    "<li>零工市场地图上的信息，在零工市场列表中同样提供。</li>"
    "</ul>"
    "<h2>已知的不足</h2>"
    "<ul>"
    "<li>部分政策附件为 Word 或 PDF 文件，可能不便于读屏软件阅读；"
    "政策正文已在网页上全文提供。</li>"
    "<li>地图本身不便于读屏软件操作，请使用列表查找零工市场。</li>"
    "</ul>"
    "<h2>反馈</h2>"
    "<p>如果您在使用中遇到障碍，请通过“投诉建议 → 意见建议”或页脚的联系方式告诉我们，"
    "写明页面和遇到的问题，我们将尽快改进并答复。</p>"
)

BUREAU_HOTLINE = "12333（人社服务热线）"


def load(home, stdout):
    privacy = ensure_child(
        home, PrivacyNoticePage, PRIVACY_SLUG, title=PRIVACY_TITLE, intro=PRIVACY_INTRO, body=PRIVACY_BODY
    )
    accessibility = ensure_child(
        home,
        StatementPage,
        ACCESSIBILITY_SLUG,
        title=ACCESSIBILITY_TITLE,
        intro=ACCESSIBILITY_INTRO,
        body=ACCESSIBILITY_BODY,
    )
    for site in Site.objects.filter(root_page=home):
        ensure_site_information(site, privacy, accessibility)
    grant_site_information_setting()
    stdout.write("隐私政策、无障碍声明和网站信息已就绪")


def ensure_site_information(site, privacy, accessibility):
    """Links the statements from the footer and starts the contacts when the site's information is first made; from
    then on it is the bureau's (a link or contact it removed stays removed)."""
    if SiteInformation.objects.filter(site=site).exists():
        return
    contacts = [
        ("bureau", {"name": f"{city.name}人力资源和社会保障局", "phone": BUREAU_HOTLINE}) for city in City.objects.all()
    ]
    SiteInformation.objects.create(
        site=site, privacy_page=privacy, accessibility_page=accessibility, bureau_contacts=contacts
    )


def grant_site_information_setting():
    """City administrators fill in the footer (设置 → 网站信息), as they set the retention periods."""
    change = Permission.objects.get(content_type__app_label="portal", codename="change_siteinformation")
    for group in groups_with_role(StaffScope.Role.CITY_ADMIN):
        group.permissions.add(change)
