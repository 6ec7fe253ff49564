"""One page of blank application forms per city under 办事服务 (/services/)."""

from forms.complaints.models import ServiceIndexPage
from portal.pages import ensure_child
from portal.regions import City

from .models import FormDownloadPage

INTRO = (
    "<p>下载{city}零工市场（驿站）认定申请表和补助资金申请表（Word格式），查看一次性运维补助和绩效补助的申报材料清单。"
    "填好后加盖单位公章，连同申报材料交所在地县级人社部门。</p>"
)


def load(home, stdout):
    services = ServiceIndexPage.objects.child_of(home).get()
    for city in City.objects.all():
        ensure_child(
            services,
            FormDownloadPage,
            f"{city.slug}-forms",
            title=f"{city.name}零工市场（驿站）申请表格下载",
            city=city,
            intro=INTRO.format(city=city.name),
        )
