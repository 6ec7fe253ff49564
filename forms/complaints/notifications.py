"""E-mail about a complaint: to the handling county's case handlers and to the complainant.

Messages carry the receipt number and status only: no contact details, so nothing
personal is written to the console backend's log.
"""

from forms.cases.links import absolute_url, case_page_url
from forms.cases.notifications import county_case_handlers
from portal.mail import queue_mail


def notify_county_of_arrival(case):
    recipients = list(county_case_handlers(case.handling_county).values_list("email", flat=True))
    if not recipients:
        return
    link = absolute_url(case_page_url(case))
    queue_mail(
        f"【新{case.get_kind_display()}】{case.receipt_no} 已转至{case.handling_county.name}",
        (
            f"{case.handling_county.name}：\n\n"
            f"有一件{case.get_kind_display()}（受理编号 {case.receipt_no}）转至贵单位办理，"
            f"请于 {case.acknowledge_due:%Y年%m月%d日} 前受理，{case.close_due:%Y年%m月%d日} 前办结。\n\n"
            f"办理页面：{link}\n"
        ),
        recipients,
    )


def notify_complainant_of_status(case):
    if case.anonymous or not case.contact_email:
        return
    queue_mail(
        f"您的{case.get_kind_display()}（{case.receipt_no}）状态：{case.get_status_display()}",
        (
            f"您好！\n\n您提交的{case.get_kind_display()}（受理编号 {case.receipt_no}）"
            f"目前状态为“{case.get_status_display()}”。\n"
            "请凭受理编号和查询码在“投诉建议 → 查询进度”查看答复。\n\n"
            "泉州·宁德零工市场服务平台（此邮件由系统发送，请勿回复）"
        ),
        [case.contact_email],
    )
