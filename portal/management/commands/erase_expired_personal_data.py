"""Run daily (cron or a systemd timer; see the README): erases the contact details, and the placement rosters'
identity and phone numbers, whose retention period, set by the bureau under 设置 → 个人信息保存期限, has passed; and
deletes the built forms' submissions past each form's own period (自建表单 → 提交信息保存天数), and the files held for
forms left with errors and never sent again (forms.cases.held_uploads)."""

from django.core.management.base import BaseCommand

from forms.assessments import retention as assessments_retention
from forms.built import retention as built_forms_retention
from forms.cases.held_uploads import erase_expired_held_uploads
from forms.cases.uploads import private_storage
from forms.complaints import retention as complaints_retention
from policies import retention as comments_retention


class Command(BaseCommand):
    help = "删除超过保存期限的个人联系方式和花名册个人信息（每日运行）"

    def handle(self, *args, **options):
        cases = complaints_retention.erase_expired_contacts()
        comments = comments_retention.erase_expired_contacts()
        self.stdout.write(f"已删除联系方式：投诉建议 {cases} 件，征求意见 {comments} 条")
        rosters = assessments_retention.erase_expired_rosters()
        self.stdout.write(f"已删除花名册个人信息：年度考核 {rosters} 份")
        objections = assessments_retention.erase_expired_objection_contacts()
        self.stdout.write(f"已删除联系方式：公示异议 {objections} 件")
        submissions = built_forms_retention.delete_expired_submissions()
        self.stdout.write(f"已删除超过保存期限的自建表单提交：{submissions} 份")
        held = erase_expired_held_uploads(private_storage())
        self.stdout.write(f"已删除未再提交的表单暂存文件：{held} 个")
