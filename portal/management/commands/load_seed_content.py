"""Build the site tree and load the seed policies and sample content. Safe to run again."""

from importlib import import_module

from django.core.management.base import BaseCommand
from django.db import transaction

from portal import seed

# Each step is ``load(home, stdout)`` in the app that owns the content.
SEED_STEPS = [
    "policies.seed",
    "markets.seed",
    "wages.seed",
    "notices.seed",
    "forms.complaints.seed",
    "forms.applications.seed",
    "forms.built.seed",
    "notices.events_seed",  # after forms.built.seed: the sample events link its sign-up forms
    "portal.statements_seed",  # the footer's statements and site information
    "portal.home_seed",  # last: the home page's blocks link to the sections above
]


class Command(BaseCommand):
    help = "创建站点栏目并载入种子政策文件和示例内容（可重复运行，不会重复创建）。"

    def handle(self, *args, **options):
        with transaction.atomic():
            home = seed.build_site_tree(self.stdout)
            for module_path in SEED_STEPS:
                import_module(module_path).load(home, self.stdout)
            seed.finish(home, self.stdout)
        self.stdout.write(self.style.SUCCESS("种子内容已就绪。"))
