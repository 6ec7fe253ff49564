"""Daily: results whose 公示 has ended with no objection open or upheld become final (the star is awarded)."""

from django.core.management.base import BaseCommand

from forms.assessments.publicity import finalise_due


class Command(BaseCommand):
    help = "公示期满且无成立异议的年度考核结果确定，授予星级（每日运行）"

    def handle(self, *args, **options):
        count = finalise_due()
        self.stdout.write(f"结果确定：{count} 件")
