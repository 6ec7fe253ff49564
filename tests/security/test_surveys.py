"""Finding 8 of the security test: survey responses opened across cities by id.

``/admin/forms/surveyresponse/inspect/<pk>/`` of a 蕉城区 market returned 200 to Quanzhou staff; the list was
scoped, the page behind the id was not.
"""

import pytest

from forms.complaints.models import SurveyResponse
from tests.markets_factories import make_market
from tests.utils import make_city_staff

pytestmark = pytest.mark.django_db


def inspect_url(response):
    return f"/admin/forms/surveyresponse/inspect/{response.pk}/"


@pytest.fixture
def jiaocheng_answer(home):
    market = make_market("蕉城区", name="蕉城区蕉南零工市场")
    respondent = SurveyResponse.Respondent.values[0]
    return SurveyResponse.objects.create(
        market=market, respondent=respondent, environment=5, process=4, result=5, comment="服务很好"
    )


def test_quanzhou_staff_cannot_open_a_ningde_market_s_survey_answer(client, jiaocheng_answer):
    client.force_login(make_city_staff("泉州市", "市级管理员"))
    assert client.get(inspect_url(jiaocheng_answer)).status_code == 404


def test_ningde_staff_open_it(client, jiaocheng_answer):
    client.force_login(make_city_staff("宁德市", "市级管理员"))
    response = client.get(inspect_url(jiaocheng_answer))
    assert response.status_code == 200 and "服务很好" in response.content.decode()
