"""E-mail about the annual assessment: the round to eligible operators (and a reminder before it closes), a
submission to the county's handlers, a return or a result to the operator. No personal numbers in any of them."""

from django.urls import reverse

from forms.cases.links import absolute_url, case_page_url
from forms.cases.notifications import county_case_handlers
from portal.mail import queue_mail
from portal.vocabulary import chinese_date

SIGNATURE = "泉州·宁德零工市场服务平台（此邮件由系统发送，请勿回复）"


def notify_operator_of_round(round_, market, profile, reminder=False):
    email = profile.user.email
    if not email:
        return
    subject = ("【提醒】" if reminder else "") + f"{round_}：请于{chinese_date(round_.closes_on)}前报送"
    body = (
        f"{profile.organisation_name}：\n\n"
        f"{market.title}参加{round_}。请于{chinese_date(round_.opens_on)}至{chinese_date(round_.closes_on)}"
        "登录“我的办理”填写推荐成功就业花名册和工作考核自评表，上传工作运营方案落实情况报告后提交。\n\n"
        f"我的办理：{absolute_url(reverse('operators:home'))}\n\n{SIGNATURE}"
    )
    queue_mail(subject, body, [email])


def notify_county_of_assessment(assessment):
    recipients = list(county_case_handlers(assessment.handling_county).values_list("email", flat=True))
    if not recipients:
        return
    queue_mail(
        f"【待考核】{assessment.market.title} {assessment.receipt_no}",
        (
            f"{assessment.handling_county.name}：\n\n{assessment.operator.organisation_name}提交了"
            f"{assessment.market.title}的{assessment.round}材料（受理编号 {assessment.receipt_no}），"
            f"请组织专家于{chinese_date(assessment.round.scoring_due)}前完成考核。\n\n"
            f"考核页面：{absolute_url(case_page_url(assessment))}\n"
        ),
        recipients,
    )


def notify_operator_of_assessment(assessment):
    email = assessment.operator.user.email
    if not email:
        return
    link = absolute_url(reverse("assessments:detail", kwargs={"receipt_no": assessment.receipt_no}))
    queue_mail(
        f"您的{assessment.round}材料（{assessment.receipt_no}）：{assessment.get_status_display()}",
        (
            f"您好！\n\n{assessment.market.title}的年度考核材料（受理编号 {assessment.receipt_no}）"
            f"目前状态为“{assessment.get_status_display()}”。详情请登录查看：{link}\n\n{SIGNATURE}"
        ),
        [email],
    )
