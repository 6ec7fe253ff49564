"""Run daily (cron or a systemd timer; see the README): erases the contact details whose retention period, set by
the bureau under 设置 → 个人信息保存期限, has passed."""

from django.core.management.base import BaseCommand

from forms.complaints import retention as complaints_retention
from policies import retention as comments_retention


class Command(BaseCommand):
    help = "删除超过保存期限的个人联系方式（每日运行）"

    def handle(self, *args, **options):
        cases = complaints_retention.erase_expired_contacts()
        comments = comments_retention.erase_expired_contacts()
        self.stdout.write(f"已删除联系方式：投诉建议 {cases} 件，征求意见 {comments} 条")
