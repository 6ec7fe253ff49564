"""Public views of a 公示: raise an objection during the period, then read the county's answer."""

import datetime

from django.db import IntegrityError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from forms.cases.public_forms import ProgressForm, progress_form
from forms.cases.submissions import one_request_per_token
from portal.ratelimits import exceeded, usage, used_up

from .models import AssessmentObjection, ResultPublicity
from .objections import period_problem, raise_objection
from .public_forms import ObjectionForm

SESSION_KEY = "assessment_objection_receipt"
RECEIPT_SHOWN_FOR = datetime.timedelta(minutes=15)
NOT_FOUND = "没有找到与这组受理编号和查询码对应的异议，请核对后重试。"


def objection(request, publicity_id):
    publicity = get_object_or_404(
        ResultPublicity.objects.select_related("round__city", "county", "notice"), pk=publicity_id
    )
    if request.method != "POST":
        return render_form(request, publicity, ObjectionForm(publicity=publicity), status=200)
    with one_request_per_token(request.POST.get("token", "")) as handled_here:
        if not handled_here:
            form = ObjectionForm(request.POST, publicity=publicity)
            form.add_error(None, _("您刚才的提交仍在处理中，请稍候一分钟再刷新本页；所填内容已保留。"))
            return render_form(request, publicity, form, status=409)
        return submit(request, publicity)


def submit(request, publicity):
    form = ObjectionForm(request.POST, publicity=publicity)
    token = request.POST.get("token", "")
    if token and AssessmentObjection.objects.filter(submission_token=token).exists():
        return redirect("assessment_results:objection_done", publicity_id=publicity.pk)
    if period_problem(publicity):
        form.is_valid()
        form.add_error(None, period_problem(publicity))
        return render_form(request, publicity, form, status=400)
    if exceeded(request, "submit"):
        form.is_valid()
        form.add_error(None, _("提交过于频繁，请稍后再试。您填写的内容已保留。"))
        return render_form(request, publicity, form, status=429)
    if not form.is_valid():
        return render_form(request, publicity, form, status=400)
    try:
        case, code = raise_objection(publicity, form.cleaned_data)
    except IntegrityError:
        return redirect("assessment_results:objection_done", publicity_id=publicity.pk)
    request.session[SESSION_KEY] = {"receipt_no": case.receipt_no, "query_code": code, "at": timezone.now().isoformat()}
    return redirect("assessment_results:objection_done", publicity_id=publicity.pk)


def render_form(request, publicity, form, status):
    context = {"publicity": publicity, "form": form, "closed": period_problem(publicity)}
    return TemplateResponse(request, "assessments/objection_form.html", context, status=status)


def objection_done(request, publicity_id):
    publicity = get_object_or_404(ResultPublicity, pk=publicity_id)
    context = {"publicity": publicity, "receipt": fresh_receipt(request)}
    return TemplateResponse(request, "assessments/objection_done.html", context)


def fresh_receipt(request):
    """The receipt of the objection just raised in this session, for fifteen minutes."""
    receipt = request.session.get(SESSION_KEY)
    if not receipt:
        return None
    if timezone.now() - datetime.datetime.fromisoformat(receipt["at"]) > RECEIPT_SHOWN_FOR:
        del request.session[SESSION_KEY]
        return None
    return receipt


def objection_progress(request):
    status, objection = 200, None
    form = ProgressForm(request.POST) if request.method == "POST" else progress_form(request)
    if request.method == "POST":
        if used_up(request, "lookup_failures"):
            form.is_valid()
            form.add_error(None, _("查询失败次数过多，请一小时后再试。"))
            status = 429
        elif form.is_valid():
            objection = find_objection(form.cleaned_data)
            if objection is None:
                usage(request, "lookup_failures", increment=True)
                form.add_error(None, _(NOT_FOUND))
                status = 404
        else:
            status = 400
    context = {"form": form, "objection": objection}
    return TemplateResponse(request, "assessments/objection_progress.html", context, status=status)


def find_objection(data):
    objection = (
        AssessmentObjection.objects.filter(receipt_no=data["receipt_no"])
        .select_related("publicity__round__city", "publicity__county", "assessment__market")
        .first()
    )
    if objection is None or not objection.matches_query_code(data["query_code"]):
        return None
    return objection
