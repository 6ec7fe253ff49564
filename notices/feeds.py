"""RSS feed of the latest notices (django.contrib.syndication)."""

import datetime

from django.contrib.syndication.views import Feed
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed

FEED_SIZE = 20


class LatestNoticesFeed(Feed):
    feed_type = Rss201rev2Feed
    language = "zh-cn"

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page

    def title(self):
        return f"{self.index_page.title} - 泉州·宁德零工市场服务平台"

    def link(self):
        return self.index_page.url

    def description(self):
        return "人社部门发布的零工市场通知、公示和公告。"

    def items(self):
        return self.index_page.notices()[:FEED_SIZE]

    def item_title(self, item):
        prefix = f"【{item.get_kind_display()}】"
        return prefix + item.title

    def item_description(self, item):
        status = item.publicity_status
        period = ""
        if status:
            start, end = (f"{day.year}年{day.month}月{day.day}日" for day in (item.publicity_start, item.publicity_end))
            period = f"公示期：{start}至{end}（{status.label}）。"
        return f"{item.issuing_body}发布。{period}"

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.datetime.combine(item.date, datetime.time(9)))

    def item_author_name(self, item):
        return item.issuing_body

    def item_categories(self, item):
        return [item.get_kind_display()] + ([item.city.name] if item.city else [])
