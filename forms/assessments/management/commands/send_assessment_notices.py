"""Daily: tell eligible operators of a round that has opened, and remind them a week before it closes."""

from django.core.management.base import BaseCommand

from forms.assessments.rounds import send_due_notices


class Command(BaseCommand):
    help = "通知符合条件的运营单位参加年度考核，并在报送截止前提醒（每日运行）"

    def handle(self, *args, **options):
        send_due_notices()
