"""公示 of the results, objections, the final result with its star, and the payment (Quanzhou 二（三）
"评审结果经公示无异议后，按规定将补助资金支付到申请单位账户")."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from forms.applications.models import Application
from forms.assessments import publicity, retention
from forms.assessments.models import Assessment, AssessmentEvent, AssessmentObjection, ResultPublicity
from forms.assessments.objections import OBJECTIONS
from forms.assessments.workflow import ASSESSMENTS
from forms.cases.links import case_list_url, case_page_url
from markets.models import MarketStarRating
from notices.models import NoticePage
from portal.retention import PersonalDataRetention

from .assessments_factories import make_round, make_scored_assessment, objection_post
from .utils import SUITE_TODAY, make_county_staff

pytestmark = pytest.mark.django_db
YEAR = SUITE_TODAY.year
S = Assessment.Status
DAY = datetime.timedelta(days=1)


def publish_fengze(assessment, starts_on=SUITE_TODAY, ends_on=None):
    staff = make_county_staff("丰泽区", username="publisher")
    return publicity.publish(
        assessment.round, assessment.handling_county, starts_on, ends_on or starts_on + 6 * DAY, staff
    )


def objection_url(published):
    return reverse("assessment_results:objection", kwargs={"publicity_id": published.pk})


# --- publishing ----------------------------------------------------------------------------------


def test_the_default_period_is_five_working_days_and_is_marked_as_the_portals_reading():
    # SUITE_TODAY is a Monday: Monday to Friday.
    assert publicity.default_period(SUITE_TODAY) == (SUITE_TODAY, SUITE_TODAY + 4 * DAY)
    assert "未规定公示期限" in str(publicity.PERIOD_INTERPRETATION) and "二（三）" in str(
        publicity.PERIOD_INTERPRETATION
    )


def test_a_period_cannot_start_in_the_past_nor_end_before_it_starts():
    assert publicity.period_problems(SUITE_TODAY - DAY, SUITE_TODAY) == {"starts_on": "公示开始日期不能早于今天。"}
    problems = publicity.period_problems(SUITE_TODAY, SUITE_TODAY - DAY)
    assert problems == {"ends_on": "公示结束日期不能早于开始日期。"}


def test_publishing_puts_every_scored_result_of_the_county_in_a_publicity_notice(home):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    assessment.refresh_from_db()
    assert assessment.status == S.PUBLICISED and assessment.publicity == published
    notice = NoticePage.objects.get(pk=published.notice_id)
    assert notice.live and notice.kind == NoticePage.Kind.PUBLICITY
    assert notice.title == f"丰泽区{YEAR}年度零工市场（驿站）考核结果公示"
    assert (notice.publicity_start, notice.publicity_end) == (SUITE_TODAY, SUITE_TODAY + 6 * DAY)
    assert notice.issuing_body == "丰泽区人力资源和社会保障局"
    line = f"{assessment.market.title}（丰泽区）：考核总分{assessment.assessed_total}分，四星级，绩效补助8万元。"
    assert line in notice.body
    assert objection_url(published) in notice.body


def test_the_public_reads_the_notice_with_its_results_and_the_link_to_object(client, home):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    html = client.get(published.notice.url).content.decode()
    assert assessment.market.title in html and "四星级" in html and "公示中" in html
    assert f'href="{objection_url(published)}"' in html


def test_there_is_nothing_to_publish_before_the_experts_have_scored(home):
    round_ = make_round()
    staff = make_county_staff("丰泽区", username="publisher")
    with pytest.raises(ValidationError, match="没有已完成考核、尚未公示的材料"):
        publicity.publish(round_, None, SUITE_TODAY, SUITE_TODAY + DAY, staff)
    assert not ResultPublicity.objects.exists()


def test_the_county_publishes_from_the_admin_seeing_only_its_own_results_first(client, home):
    fengze = make_scored_assessment(points_lost=1)
    make_scored_assessment(fengze.round, username="operator2", county_name="晋江市", experts=("jj1", "jj2"))
    staff = make_county_staff("丰泽区", username="publisher")
    client.force_login(staff)
    url = reverse("assessments_publish")
    page = client.get(url, {"round": fengze.round.pk, "county": fengze.handling_county.pk}).content.decode()
    assert fengze.market.title in page and "晋江市" not in page.split('id="publish-rows"')[1].split("</ol>")[0]
    start, end = publicity.default_period(SUITE_TODAY)
    assert f'value="{start:%Y-%m-%d}"' in page and f'value="{end:%Y-%m-%d}"' in page
    response = client.post(
        url,
        {
            "round": fengze.round.pk,
            "county": fengze.handling_county.pk,
            "starts_on": f"{start:%Y-%m-%d}",
            "ends_on": f"{end:%Y-%m-%d}",
            "publish": "1",
        },
    )
    published = ResultPublicity.objects.get()
    assert response.status_code == 302 and response["Location"] == published.notice.url
    assert list(published.assessments.all()) == [fengze]


def test_a_period_in_the_past_is_refused_next_to_the_field_and_nothing_is_published(client, home):
    fengze = make_scored_assessment(points_lost=1)
    client.force_login(make_county_staff("丰泽区", username="publisher"))
    response = client.post(
        reverse("assessments_publish"),
        {
            "round": fengze.round.pk,
            "county": fengze.handling_county.pk,
            "starts_on": f"{SUITE_TODAY - DAY:%Y-%m-%d}",
            "ends_on": f"{SUITE_TODAY + DAY:%Y-%m-%d}",
            "publish": "1",
        },
    )
    assert response.status_code == 200
    assert 'id="id_starts_on-errors"' in response.content.decode()
    assert "公示开始日期不能早于今天。" in response.content.decode()
    assert not ResultPublicity.objects.exists()


def test_a_county_handler_must_choose_a_county_and_cannot_publish_another_citys_round(client, home):
    fengze = make_scored_assessment(points_lost=1)
    ningde_round = make_round("ningde")
    client.force_login(make_county_staff("丰泽区", username="publisher"))
    response = client.post(
        reverse("assessments_publish"),
        {
            "round": ningde_round.pk,
            "starts_on": f"{SUITE_TODAY:%Y-%m-%d}",
            "ends_on": f"{SUITE_TODAY:%Y-%m-%d}",
            "publish": "1",
        },
    )
    html = response.content.decode()
    assert "请选择公示的县（市、区）。" in html and 'id="id_round-errors"' in html
    assert fengze.round.pk != ningde_round.pk and not ResultPublicity.objects.exists()


# --- objections -----------------------------------------------------------------------------------


def test_anyone_can_object_during_the_period_and_gets_a_receipt(client, home):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    form = client.get(objection_url(published)).content.decode()
    assert f'<option value="{assessment.pk}">丰泽区 · {assessment.market.title}</option>' in form
    response = client.post(objection_url(published), objection_post(assessment))
    assert response.status_code == 302
    objection = AssessmentObjection.objects.get()
    assert objection.handling_county == assessment.handling_county and objection.status == "submitted"
    assert objection.contact_phone == "13905951234"
    done = client.get(response["Location"]).content.decode()
    assert objection.receipt_no in done and 'id="query-code"' in done


def test_an_objection_without_reason_keeps_what_was_typed_and_says_why_in_chinese(client, home):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    response = client.post(objection_url(published), objection_post(assessment, reason="", contact_phone="12345"))
    html = response.content.decode()
    assert response.status_code == 400
    assert "请写明异议内容和理由。" in html and "联系电话格式不正确" in html
    assert 'value="林志明"' in html
    assert not AssessmentObjection.objects.exists()


def test_after_the_period_no_objection_is_taken(client, home, time_machine):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment, ends_on=SUITE_TODAY + 2 * DAY)
    time_machine.move_to(datetime.datetime.combine(SUITE_TODAY + 3 * DAY, datetime.time(9)))
    page = client.get(objection_url(published)).content.decode()
    assert f"公示期已于{YEAR}年11月25日结束，不再受理异议。" in page and 'name="reason"' not in page
    response = client.post(objection_url(published), objection_post(assessment))
    assert response.status_code == 400 and not AssessmentObjection.objects.exists()


def test_a_double_click_stores_one_objection(client, home):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    first = client.post(objection_url(published), objection_post(assessment))
    second = client.post(objection_url(published), objection_post(assessment))
    assert first["Location"] == second["Location"] and AssessmentObjection.objects.count() == 1


def raise_objection(client, assessment, published):
    client.post(objection_url(published), objection_post(assessment))
    objection = AssessmentObjection.objects.get()
    return objection, client.session["assessment_objection_receipt"]["query_code"]


def test_an_upheld_objection_sends_the_assessment_back_for_rescoring_and_the_objector_reads_the_answer(client, home):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    objection, code = raise_objection(client, assessment, published)
    handler = make_county_staff("丰泽区", username="handler")
    ok, form = OBJECTIONS.perform(
        objection, handler, "uphold", {"uphold-answer": "经核实，花名册有3人重复，重新考核。"}
    )
    assert ok, form.errors
    assessment.refresh_from_db()
    assert assessment.status == S.SUBMITTED
    assert AssessmentEvent.objects.filter(case=assessment, action="reopened").exists()
    notice = NoticePage.objects.get(pk=published.notice_id)
    assert f"{assessment.market.title}（丰泽区）：经核实异议成立，结果撤回，重新考核。" in notice.body
    answer = client.post(
        reverse("assessment_results:objection_progress"), {"receipt_no": objection.receipt_no, "query_code": code}
    ).content.decode()
    assert "异议成立" in answer and "花名册有3人重复" in answer


def test_a_wrong_query_code_finds_nothing(client, home):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    objection, code = raise_objection(client, assessment, published)
    wrong = "0" * 8 if code != "0" * 8 else "1" * 8
    response = client.post(
        reverse("assessment_results:objection_progress"), {"receipt_no": objection.receipt_no, "query_code": wrong}
    )
    assert response.status_code == 404 and "没有找到与这组受理编号和查询码对应的异议" in response.content.decode()


def test_another_countys_staff_neither_list_nor_open_an_objection(client, home):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    objection, _code = raise_objection(client, assessment, published)
    client.force_login(make_county_staff("晋江市", username="jinjiang"))
    assert objection.receipt_no not in client.get(case_list_url(AssessmentObjection)).content.decode()
    assert client.get(case_page_url(objection)).status_code == 404
    client.force_login(make_county_staff("丰泽区", username="handler"))
    page = client.get(case_page_url(objection)).content.decode()
    assert objection.receipt_no in page and "139****1234" in page and "13905951234" not in page


# --- the end of the period --------------------------------------------------------------------------


def end_period(time_machine, published):
    time_machine.move_to(datetime.datetime.combine(published.ends_on + DAY, datetime.time(9)))


def test_when_the_period_ends_without_objection_the_result_is_final_and_the_star_is_awarded(client, home, time_machine):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    end_period(time_machine, published)
    assert publicity.finalise_due() == 1
    assessment.refresh_from_db()
    assert assessment.status == S.FINAL and assessment.finalised_on == published.ends_on + DAY
    rating = MarketStarRating.objects.get(market=assessment.market, year=YEAR)
    assert rating.stars == 4 and rating.official_title == f"泉州市{YEAR}年度四星级零工市场"
    assert assessment.receipt_no in rating.source
    page = client.get(assessment.market.url).content.decode()
    assert f"泉州市{YEAR}年度四星级零工市场" in page


def test_a_result_with_an_open_objection_waits_and_is_final_once_the_objection_is_dismissed(client, home, time_machine):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    objection, _code = raise_objection(client, assessment, published)
    end_period(time_machine, published)
    assert publicity.finalise_due() == 0
    assessment.refresh_from_db()
    assert assessment.status == S.PUBLICISED
    handler = make_county_staff("丰泽区", username="handler")
    ok, form = OBJECTIONS.perform(objection, handler, "dismiss", {"dismiss-answer": "经核实，花名册人员均真实就业。"})
    assert ok, form.errors
    assessment.refresh_from_db()
    assert assessment.status == S.FINAL and MarketStarRating.objects.filter(market=assessment.market).exists()


def test_a_quanzhou_station_is_paid_by_its_score_and_gets_no_star(home, time_machine):
    assessment = make_scored_assessment(facility_type="station", name="丰泽区海星零工驿站")
    assert assessment.stars is None and assessment.subsidy_yuan
    published = publish_fengze(assessment)
    assert "按得分补助（零工驿站不评星级）" in NoticePage.objects.get(pk=published.notice_id).body
    end_period(time_machine, published)
    publicity.finalise_due()
    assessment.refresh_from_db()
    assert assessment.status == S.FINAL and not MarketStarRating.objects.filter(market=assessment.market).exists()


def test_the_daily_command_says_how_many_results_became_final(home, time_machine, capsys):
    assessment = make_scored_assessment(points_lost=1)
    end_period(time_machine, publish_fengze(assessment))
    call_command("finalise_assessment_results")
    assert "结果确定：1 件" in capsys.readouterr().out


# --- the payment ---------------------------------------------------------------------------------------


def test_the_bureau_records_the_payment_date_and_the_operator_sees_it(client, home, time_machine):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    handler = make_county_staff("丰泽区", username="handler")
    assert "pay" not in [t.name for t in ASSESSMENTS.available(assessment, handler)]
    end_period(time_machine, published)
    publicity.finalise_due()
    assessment.refresh_from_db()
    future = published.ends_on + 5 * DAY
    ok, form = ASSESSMENTS.perform(assessment, handler, "pay", {"pay-paid_on": f"{future:%Y-%m-%d}"})
    assert not ok and form.errors["paid_on"] == ["拨付日期不能晚于今天。"]
    paid_on = published.ends_on + DAY
    ok, form = ASSESSMENTS.perform(assessment, handler, "pay", {"pay-paid_on": f"{paid_on:%Y-%m-%d}"})
    assert ok, form.errors
    assessment.refresh_from_db()
    assert assessment.paid_on == paid_on and "pay" not in [t.name for t in ASSESSMENTS.available(assessment, handler)]
    client.force_login(assessment.operator.user)
    home_page = client.get(reverse("operators:home")).content.decode()
    assert f"绩效补助8万元已于{paid_on.year}年{paid_on.month}月{paid_on.day}日拨付" in home_page


# --- the objector's contact details ------------------------------------------------------------------


def test_an_answered_objections_name_and_phone_are_erased_after_the_retention_period(client, home, time_machine):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    objection, _code = raise_objection(client, assessment, published)
    handler = make_county_staff("丰泽区", username="handler")
    ok, form = OBJECTIONS.perform(objection, handler, "dismiss", {"dismiss-answer": "经核实，花名册人员均真实就业。"})
    assert ok, form.errors
    days = PersonalDataRetention.load().complaint_contact_days
    time_machine.move_to(datetime.datetime.combine(SUITE_TODAY + (days - 1) * DAY, datetime.time(9)))
    assert retention.erase_expired_objection_contacts() == 0
    time_machine.move_to(datetime.datetime.combine(SUITE_TODAY + (days + 1) * DAY, datetime.time(12)))
    out = io.StringIO()
    call_command("erase_expired_personal_data", stdout=out)
    assert "公示异议 1 件" in out.getvalue()
    objection.refresh_from_db()
    assert (objection.contact_name, objection.contact_phone) == (None, None) and objection.contact_erased_at
    assert objection.answer and objection.events.filter(action="erased").exists()


# --- the subsidy application ---------------------------------------------------------------------------


def test_a_final_result_starts_the_performance_subsidy_application_with_the_assessed_score(client, home, time_machine):
    assessment = make_scored_assessment(points_lost=1)
    published = publish_fengze(assessment)
    client.force_login(assessment.operator.user)
    apply_url = reverse("assessments:apply_subsidy", kwargs={"receipt_no": assessment.receipt_no})
    refused = client.post(apply_url)
    assert refused.status_code == 302 and not Application.objects.filter(assessment_receipt_no=assessment.receipt_no)
    end_period(time_machine, published)
    publicity.finalise_due()
    detail = client.get(reverse("assessments:detail", kwargs={"receipt_no": assessment.receipt_no})).content.decode()
    assert f"补助金额按经公示的考核总分（{assessment.assessed_total.normalize()}分）测算：8万元" in detail
    response = client.post(apply_url)
    application = Application.objects.get(assessment_receipt_no=assessment.receipt_no)
    assert response["Location"] == reverse("operators:edit_application", kwargs={"receipt_no": application.receipt_no})
    assert (
        application.assessed_score == assessment.assessed_total and application.market_page_id == assessment.market_id
    )
    assert application.subsidy_type == "performance"
    again = client.post(apply_url)
    assert (
        again["Location"] == response["Location"]
        and Application.objects.filter(assessment_receipt_no=assessment.receipt_no).count() == 1
    )


def test_a_ningde_station_is_scored_on_the_interpreted_form_and_rated_when_final(home, time_machine):
    # Ningde 二（四）1 rates stations too ("零工驿站按照3万元、2万元、1万元给予绩效补助" for 五星、四星、三星).
    assessment = make_scored_assessment(
        make_round("ningde"),
        county_name="蕉城区",
        facility_type="station",
        name="蕉城区蕉南零工驿站",
        recognized_on=datetime.date(YEAR - 1, 1, 5),
    )
    assert assessment.assessed_total == 100 and assessment.stars == 5 and assessment.subsidy_yuan == 30000
    assert "宁德市实施方案未规定星级的命名" in assessment.result_summary
    staff = make_county_staff("蕉城区", username="publisher")
    published = publicity.publish(assessment.round, assessment.handling_county, SUITE_TODAY, SUITE_TODAY, staff)
    assert "宁德市零工市场（驿站）建设实施方案二（四）" in NoticePage.objects.get(pk=published.notice_id).body
    end_period(time_machine, published)
    publicity.finalise_due()
    rating = MarketStarRating.objects.get(market=assessment.market, year=YEAR)
    assert rating.stars == 5 and rating.official_title == f"宁德市{YEAR}年度五星级零工驿站"
