"""E-mail about an operator's application: to the county's reviewers on submission, to the operator on a decision.

Messages carry the reference number and status only, no personal numbers.
"""

from django.urls import reverse

from forms.cases.links import absolute_url, case_page_url
from forms.cases.notifications import county_case_handlers
from portal.mail import queue_mail


def notify_county_of_application(application):
    """A submitted or resubmitted application reaches the county's case handlers."""
    recipients = list(county_case_handlers(application.handling_county).values_list("email", flat=True))
    if not recipients:
        return
    link = absolute_url(case_page_url(application))
    queue_mail(
        f"【待审核】{application.get_form_kind_display()} {application.receipt_no}",
        (
            f"{application.handling_county.name}：\n\n"
            f"{application.organisation_name}提交了{application.get_form_kind_display()}"
            f"（受理编号 {application.receipt_no}），请审核。\n\n审核页面：{link}\n"
        ),
        recipients,
    )


def notify_operator_of_decision(application):
    """The operator's account e-mail hears of a return, approval or rejection (no personal data in it)."""
    email = application.operator.user.email
    if not email:
        return
    link = absolute_url(reverse("operators:application", kwargs={"receipt_no": application.receipt_no}))
    queue_mail(
        f"您的{application.get_form_kind_display()}（{application.receipt_no}）：{application.get_status_display()}",
        (
            f"您好！\n\n贵单位的{application.get_form_kind_display()}（受理编号 {application.receipt_no}）"
            f"目前状态为“{application.get_status_display()}”。审核意见和下一步请登录查看：{link}\n\n"
            "泉州·宁德零工市场服务平台（此邮件由系统发送，请勿回复）"
        ),
        [email],
    )
