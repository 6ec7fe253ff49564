"""Delete every sample market and station (is_sample=True) that load_seed_content created."""

from django.core.management.base import BaseCommand
from django.db import transaction

from markets.models import MarketPage


class Command(BaseCommand):
    help = "删除全部示例零工市场（驿站）（标记为“示例数据”的页面），真实数据不受影响。"

    def handle(self, *args, **options):
        with transaction.atomic():
            samples = MarketPage.objects.filter(is_sample=True)
            count = samples.count()
            for page in samples:
                page.delete()
        self.stdout.write(self.style.SUCCESS(f"已删除示例零工市场（驿站）{count} 处。"))
