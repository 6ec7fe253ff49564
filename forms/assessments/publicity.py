"""公示 of a round's results, and what happens when its period ends.

Quanzhou 二（三）: "评审结果经公示无异议后，按规定将补助资金支付到申请单位账户". The county (or the city) publishes the
scored assessments of its area as a publicity notice; anyone may object during the period (``objections.py``).
When the period has ended and no objection about an assessment is still open, its result is final: the market
is awarded its star for the year under its official name and the operator may apply for the subsidy.
"""

import datetime

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from forms.cases.transitions import require
from forms.cases.working_days import add_working_days
from markets.models import record_star_rating
from notices.models import NoticeIndexPage, NoticePage
from portal.vocabulary import FACILITY_NAMES, chinese_date

from . import scoring
from .models import Assessment, AssessmentEvent, AssessmentObjection, ResultPublicity
from .workflow import ASSESSMENTS

S = Assessment.Status
A = AssessmentEvent.Action

PUBLICITY_WORKING_DAYS = 5
RESULT_ORDER = ("handling_county__sort_order", "-assessed_total", "market__title")  # by county, best first
PERIOD_INTERPRETATION = _(
    "解读：两份政策均规定评审结果须经公示（泉州方案二（三）“评审结果经公示无异议后，按规定将补助资金支付到申请单位账户”），"
    "未规定公示期限；平台默认5个工作日，发布时可修改。"
)


def default_period(start: datetime.date):
    """(start, end) of a period of PUBLICITY_WORKING_DAYS working days beginning on ``start``."""
    return start, add_working_days(start - datetime.timedelta(days=1), PUBLICITY_WORKING_DAYS)


def publishable(round_, county=None):
    """The round's scored assessments not yet published, in ``county`` or (None) the whole city."""
    assessments = round_.assessments.filter(status=S.SCORED)
    if county is not None:
        assessments = assessments.filter(handling_county=county)
    return assessments.select_related("market", "handling_county").order_by(*RESULT_ORDER)


def period_problems(starts_on, ends_on, today=None):
    """{field: message} for a period that cannot be published."""
    today = today or timezone.localdate()
    problems = {}
    if starts_on < today:
        problems["starts_on"] = _("公示开始日期不能早于今天。")
    if ends_on < starts_on:
        problems["ends_on"] = _("公示结束日期不能早于开始日期。")
    return problems


@transaction.atomic
def publish(round_, county, starts_on, ends_on, user):
    """Publish the results of ``county`` (None: the whole city) as a publicity notice; returns the publicity."""
    assessments = list(publishable(round_, county).select_for_update(of=("self",)))
    require(assessments, _("没有已完成考核、尚未公示的材料。"))
    publicity = ResultPublicity.objects.create(
        round=round_, county=county, starts_on=starts_on, ends_on=ends_on, published_by=user
    )
    for assessment in assessments:
        note = _("%(start)s至%(end)s公示") % {"start": chinese_date(starts_on), "end": chinese_date(ends_on)}
        ASSESSMENTS.change_status(assessment, user, S.PUBLICISED, A.PUBLICISED, note, publicity=publicity)
    publicity.notice = publish_notice(publicity)
    publicity.save(update_fields=["notice"])
    return publicity


def issuing_body(publicity):
    return f"{publicity.area_name}人力资源和社会保障局"


def publish_notice(publicity):
    """The publicity notice under 通知公告, generated from the results."""
    index = NoticeIndexPage.objects.first()
    require(index is not None, _("网站尚未建立“通知公告”栏目，无法发布公示。"))
    notice = NoticePage(
        title=publicity.title,
        date=timezone.localdate(),
        issuing_body=issuing_body(publicity),
        city=publicity.round.city,
        kind=NoticePage.Kind.PUBLICITY,
        publicity_start=publicity.starts_on,
        publicity_end=publicity.ends_on,
        body=notice_body(publicity),
    )
    index.add_child(instance=notice)
    notice.save_revision().publish()
    return notice


def refresh_notice(publicity):
    """Publish the notice again after a result was withdrawn for rescoring."""
    if publicity.notice is None:
        return
    notice = publicity.notice.specific
    notice.body = notice_body(publicity)
    notice.save_revision().publish()


def notice_body(publicity):
    """The notice's text: the results as a numbered list (it survives editing in the rich-text editor)."""
    rows = format_html_join("", "<li>{}</li>", ((result_line(a),) for a in publicity_rows(publicity)))
    objection_url = reverse("assessment_results:objection", kwargs={"publicity_id": publicity.pk})
    return format_html(
        '<p>{intro}</p><ol>{rows}</ol><p>{period}</p><p>{objection} <a href="{url}">{link}</a></p>',
        intro=_(
            "根据%(basis)s，经运营单位自评、县级人社部门组织专家考核，现将%(area)s%(year)s年度零工市场（驿站）考核结果公示如下："
        )
        % {"basis": basis_text(publicity.round), "area": publicity.area_name, "year": publicity.round.year},
        rows=rows,
        period=_("公示期：%(start)s至%(end)s。")
        % {"start": chinese_date(publicity.starts_on), "end": chinese_date(publicity.ends_on)},
        objection=_("对公示结果如有异议，请在公示期内提出，并写明事实和理由："),
        url=objection_url,
        link=_("提出异议"),
    )


def basis_text(round_):
    if round_.city.slug == "quanzhou":
        return "泉州市零工市场（驿站）建设实施方案二（二）、二（三）"
    return "宁德市零工市场（驿站）建设实施方案二（四）"


def publicity_rows(publicity):
    return publicity.assessments.select_related("market", "handling_county", "round__city").order_by(*RESULT_ORDER)


def result_line(assessment):
    """One line of the notice: name, county, assessed score, star (or the result) and subsidy."""
    if assessment.status == S.SUBMITTED:
        return _("%(market)s（%(county)s）：经核实异议成立，结果撤回，重新考核。") % {
            "market": assessment.market.title,
            "county": assessment.handling_county.name,
        }
    return _("%(market)s（%(county)s）：考核总分%(total)s分，%(result)s，绩效补助%(subsidy)s。") % {
        "market": assessment.market.title,
        "county": assessment.handling_county.name,
        "total": assessment.assessed_total,
        "result": result_name(assessment),
        "subsidy": assessment.subsidy_text or "0元",
    }


def result_name(assessment):
    if assessment.stars:
        return scoring.STAR_NUMERALS[assessment.stars] + "星级"
    if assessment.subsidy_yuan:
        return _("按得分补助（零工驿站不评星级）")
    return _("考核不合格")


def official_title(assessment):
    round_ = assessment.round
    return scoring.official_title(
        round_.city.name, round_.year, assessment.stars, FACILITY_NAMES[assessment.market.facility_type]
    )


# --- the end of the period ----------------------------------------------------------------------


def open_objections(assessment):
    return assessment.objections.filter(status=AssessmentObjection.Status.SUBMITTED)


def due_for_final(today=None):
    """Publicised assessments whose period has ended with no objection still open."""
    today = today or timezone.localdate()
    return (
        Assessment.objects.filter(status=S.PUBLICISED, publicity__ends_on__lt=today)
        .exclude(objections__status=AssessmentObjection.Status.SUBMITTED)
        .select_related("market", "round__city", "publicity", "operator__user")
    )


def finalise_due(today=None) -> int:
    """Make every result due final; returns how many."""
    today = today or timezone.localdate()
    count = 0
    for assessment in due_for_final(today):
        finalise(assessment, today)
        count += 1
    return count


def finalise_if_due(assessment, today=None):
    today = today or timezone.localdate()
    if due_for_final(today).filter(pk=assessment.pk).exists():
        finalise(assessment, today)


@transaction.atomic
def finalise(assessment, today):
    """The period is over and no objection stands: the result is final; the star is awarded."""
    note = _("%(title)s期满，无成立的异议，结果确定。") % {"title": assessment.publicity.title}
    ASSESSMENTS.change_status(
        assessment, None, S.FINAL, A.FINALISED, note, event_fields={"actor_label": _("系统")}, finalised_on=today
    )
    if assessment.stars:
        record_star_rating(
            assessment.market,
            assessment.round.year,
            assessment.stars,
            official_title=official_title(assessment),
            awarded_on=today,
            source=_("年度考核 %(receipt)s，%(title)s期满无异议")
            % {"receipt": assessment.receipt_no, "title": assessment.publicity.title},
        )
