"""Notices: kinds, the publicity period's status, attachments, city filter, pagination and the RSS feed."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from notices.models import NoticeIndexPage, NoticePage
from notices.publicity import publicity_status
from portal.regions import City

pytestmark = pytest.mark.django_db


def add_notice(slug, *, days_ago=0, city="quanzhou", **fields):
    index = NoticeIndexPage.objects.get()
    fields.setdefault("title", f"测试通知 {slug}")
    page = NoticePage(
        slug=slug,
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        issuing_body="泉州市人力资源和社会保障局",
        city=City.objects.get(slug=city) if city else None,
        body="<p>正文</p>",
        **fields,
    )
    index.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.mark.parametrize(
    "today,label",
    [
        (datetime.date(2026, 11, 19), "未开始"),
        (datetime.date(2026, 11, 20), "公示中"),
        (datetime.date(2026, 11, 26), "公示中"),
        (datetime.date(2026, 11, 27), "已结束"),
    ],
)
def test_publicity_status_includes_first_and_last_day(today, label):
    assert publicity_status(datetime.date(2026, 11, 20), datetime.date(2026, 11, 26), today).label == label


def test_a_running_publicity_notice_says_so(client, home):
    today = timezone.localdate()
    page = add_notice(
        "running",
        kind=NoticePage.Kind.PUBLICITY,
        publicity_start=today - datetime.timedelta(days=1),
        publicity_end=today + datetime.timedelta(days=4),
    )
    html = client.get(page.url).content.decode()
    assert '<span class="badge ok" id="publicity-status">公示中</span>' in html
    assert "公示期" in html and page.publicity_end.strftime("%Y年%-m月%-d日") in html
    ended = add_notice(
        "ended",
        kind=NoticePage.Kind.PUBLICITY,
        publicity_start=today - datetime.timedelta(days=9),
        publicity_end=today - datetime.timedelta(days=3),
    )
    assert ">已结束</span>" in client.get(ended.url).content.decode()


def test_a_publicity_notice_needs_both_dates_in_order(home):
    page = NoticePage(
        title="x",
        slug="x",
        date=datetime.date(2026, 11, 1),
        issuing_body="x",
        body="<p>x</p>",
        kind=NoticePage.Kind.PUBLICITY,
        publicity_start=datetime.date(2026, 11, 5),
    )
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "公示须填写结束日期" in str(error.value)
    page.publicity_end = datetime.date(2026, 11, 1)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "结束日期不能早于开始日期" in str(error.value)


def test_sample_notices_cite_the_quanzhou_assessment_deadline_and_are_marked(client, home):
    page = NoticePage.objects.get(slug="quanzhou-2026-assessment")
    html = client.get(page.url).content.decode()
    assert "每年11月30日前组织专家" in html and "示例内容" in html
    publicity = NoticePage.objects.get(slug="quanzhou-2026-star-rating-publicity")
    assert publicity.kind == "publicity" and publicity.is_sample


def test_attachments_are_listed_with_type_and_size(client, home):
    document = get_document_model()(title="工作考核表")
    document.file.save("kaohe.docx", ContentFile(b"x" * 2048), save=False)
    document.save()
    page = add_notice("with-attachment")
    page.attachments.create(document=document, title="附件5 工作考核表")
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "附件5 工作考核表" in html and "DOCX" in html and document.url in html


def test_index_filters_by_city_keeping_notices_for_both(client, home):
    add_notice("both-cities", city=None, title="两市通用测试通知")
    html = client.get("/notices/", {"city": "ningde"}).content.decode()
    assert "宁德市2026年第三批零工驿站" in html and "两市通用测试通知" in html
    assert "星级零工市场评定结果公示" not in html
    assert "星级零工市场评定结果公示" in client.get("/notices/").content.decode()


def test_index_paginates_newest_first(client, home):
    for number in range(12):
        add_notice(f"bulk-{number}", days_ago=number, title=f"批量通知{number:02d}")
    first = client.get("/notices/").content.decode()
    assert "第 1 页，共 2 页" in first and first.index("批量通知00") < first.index("批量通知05")
    assert "批量通知11" not in first
    second = client.get("/notices/", {"page": 2}).content.decode()
    assert "批量通知11" in second and "批量通知00" not in second
    assert client.get("/notices/", {"page": "abc"}).status_code == 200


def test_rss_feed_lists_the_latest_notices(client, home):
    response = client.get("/notices/rss/")
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert titles[0] == "【公示】2026年度泉州市星级零工市场评定结果公示（示例）"
    assert len(titles) == 4
    first = channel.find("item")
    assert first.findtext("link").endswith("/notices/quanzhou-2026-star-rating-publicity/")
    assert "公示期：2026年11月20日至2026年11月26日" in first.findtext("description")
    assert 'type="application/rss+xml"' in client.get("/notices/").content.decode()
