"""E-mail to the handling county's case handlers and to the complainant.

Messages carry the receipt number and status only: no contact details, so nothing
personal is written to the console backend's log.
"""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

from portal.roles import StaffScope
from portal.scoping import county_staff

from .cases.admin import case_page_url


def county_case_handlers(county):
    """The county's case handlers who have an e-mail address."""
    return county_staff(county, StaffScope.Role.COUNTY_CASE_HANDLER).exclude(email="")


def notify_county_of_arrival(case):
    recipients = list(county_case_handlers(case.handling_county).values_list("email", flat=True))
    if not recipients:
        return
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + case_page_url(case)
    send_mail(
        f"【新{case.get_kind_display()}】{case.receipt_no} 已转至{case.handling_county.name}",
        (
            f"{case.handling_county.name}：\n\n"
            f"有一件{case.get_kind_display()}（受理编号 {case.receipt_no}）转至贵单位办理，"
            f"请于 {case.acknowledge_due:%Y年%m月%d日} 前受理，{case.close_due:%Y年%m月%d日} 前办结。\n\n"
            f"办理页面：{link}\n"
        ),
        None,
        recipients,
    )


def notify_complainant_of_status(case):
    if case.anonymous or not case.contact_email:
        return
    send_mail(
        f"您的{case.get_kind_display()}（{case.receipt_no}）状态：{case.get_status_display()}",
        (
            f"您好！\n\n您提交的{case.get_kind_display()}（受理编号 {case.receipt_no}）"
            f"目前状态为“{case.get_status_display()}”。\n"
            "请凭受理编号和查询码在“投诉建议 → 查询进度”查看答复。\n\n"
            "泉州·宁德零工市场服务平台（此邮件由系统发送，请勿回复）"
        ),
        None,
        [case.contact_email],
    )


def notify_county_of_application(application):
    """A submitted or resubmitted application reaches the county's case handlers."""
    recipients = list(county_case_handlers(application.handling_county).values_list("email", flat=True))
    if not recipients:
        return
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + case_page_url(application)
    send_mail(
        f"【待审核】{application.get_form_kind_display()} {application.receipt_no}",
        (
            f"{application.handling_county.name}：\n\n"
            f"{application.organisation_name}提交了{application.get_form_kind_display()}"
            f"（受理编号 {application.receipt_no}），请审核。\n\n审核页面：{link}\n"
        ),
        None,
        recipients,
    )


def notify_operator_of_decision(application):
    """The operator's account e-mail hears of a return, approval or rejection (no personal data in it)."""
    email = application.operator.user.email
    if not email:
        return
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
        "operators:application", kwargs={"receipt_no": application.receipt_no}
    )
    send_mail(
        f"您的{application.get_form_kind_display()}（{application.receipt_no}）：{application.get_status_display()}",
        (
            f"您好！\n\n贵单位的{application.get_form_kind_display()}（受理编号 {application.receipt_no}）"
            f"目前状态为“{application.get_status_display()}”。审核意见和下一步请登录查看：{link}\n\n"
            "泉州·宁德零工市场服务平台（此邮件由系统发送，请勿回复）"
        ),
        None,
        [email],
    )
