"""E-mail to a built form's owners when it receives a submission: the receipt number and a link, never what was
typed (nothing personal goes through the mail server or the console backend's log)."""

from forms.cases.links import absolute_url, case_page_url
from portal.mail import queue_mail


def owner_addresses(page):
    return [address.strip() for address in (page.owner_emails or "").split(",") if address.strip()]


def notify_owners(page, submission, places_left=None):
    recipients = owner_addresses(page)
    if not recipients:
        return
    lines = [
        f"您好！\n\n“{page.title}”收到一份新的提交，受理编号 {submission.receipt_no}。",
        f"查看：{absolute_url(case_page_url(submission))}",
    ]
    if places_left is not None:
        lines.append("名额已满，表单已停止接受提交。" if places_left == 0 else f"剩余名额：{places_left}。")
    lines.append("\n泉州·宁德零工市场服务平台（此邮件由系统发送，请勿回复）")
    queue_mail(f"【{page.title}】新提交 {submission.receipt_no}", "\n".join(lines), recipients)
