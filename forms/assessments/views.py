"""Operators' side of the annual assessment: take part in a round, fill in the self-assessment with evidence and
the roster, submit within the window, and follow the result (all under 我的办理)."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from forms.applications.views import operator_profile_required
from forms.cases.held_uploads import discard_held_uploads
from forms.cases.uploads import private_file_response
from markets.models import MarketPage

from . import workflow
from .forms import HonourFormSet, SelfAssessmentForm
from .models import Assessment, AssessmentEvent, AssessmentEvidence, AssessmentRound
from .participants import market_eligibility, operator_markets
from .prediction import prediction_bands
from .self_assessment import computed_items, monthly_placements, round_rules, self_result


def own_assessment(profile, receipt_no):
    """The operator's own assessment; another operator's does not exist for them."""
    return get_object_or_404(
        Assessment.objects.select_related("round__city", "market", "handling_county"),
        receipt_no=receipt_no,
        operator=profile,
    )


def rounds_overview(profile, today=None):
    """For 我的办理: each round of the operator's city that has opened, with each of its markets' standing."""
    today = today or timezone.localdate()
    markets = list(operator_markets(profile))
    overview = []
    for round_ in AssessmentRound.objects.filter(city=profile.county.city, opens_on__lte=today).select_related("city"):
        filed = {a.market_id: a for a in Assessment.objects.filter(round=round_, operator=profile)}
        rules = round_rules(round_)
        rows = [(market, market_eligibility(round_, market, rules), filed.get(market.pk)) for market in markets]
        overview.append({"round": round_, "rows": rows, "window": workflow.window_problem(round_, today)})
    return overview


def my_services_section(request, profile):
    """The assessment's part of 我的办理 (registered in wagtail_hooks.py as "operator_home_sections")."""
    return render_to_string(
        "assessments/_my_services_section.html", {"overview": rounds_overview(profile)}, request=request
    )


@require_POST
@operator_profile_required
def start(request, profile, round_id, market_id):
    round_ = get_object_or_404(AssessmentRound, pk=round_id, city=profile.county.city)
    market = get_object_or_404(MarketPage, pk=market_id, pk__in=operator_markets(profile).values("pk"))
    existing = Assessment.objects.filter(round=round_, market=market, operator=profile).first()
    if existing is not None:
        return redirect("assessments:edit", receipt_no=existing.receipt_no)
    try:
        assessment = workflow.start_assessment(round_, profile, market, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("operators:home")
    messages.success(request, _("已开始填写（受理编号 %(no)s）。") % {"no": assessment.receipt_no})
    return redirect("assessments:edit", receipt_no=assessment.receipt_no)


@require_POST
@operator_profile_required
def apply_subsidy(request, profile, receipt_no):
    assessment = own_assessment(profile, receipt_no)
    try:
        application = workflow.apply_for_subsidy(assessment, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("assessments:detail", receipt_no=receipt_no)
    target = "operators:edit_application" if application.is_editable else "operators:application"
    return redirect(target, receipt_no=application.receipt_no)


@operator_profile_required
def edit(request, profile, receipt_no):
    assessment = own_assessment(profile, receipt_no)
    if not assessment.is_editable:
        return redirect("assessments:detail", receipt_no=receipt_no)
    rules = round_rules(assessment.round)
    if request.method != "POST":
        form = SelfAssessmentForm(initial=initial_values(assessment, rules), criteria=rules.criteria)
        return render_edit(request, assessment, form, HonourFormSet(instance=assessment), rules)
    form = SelfAssessmentForm(request.POST, request.FILES, criteria=rules.criteria)
    honours = HonourFormSet(request.POST, instance=assessment)
    saved_everything = save_what_is_valid(assessment, form, honours)
    if not saved_everything:
        messages.error(request, _("部分内容有误，请按各栏的红字提示修改；其余内容已保存。"))
        return render_edit(request, assessment, form, honours, rules)
    if request.POST.get("intent") == "submit":
        try:
            workflow.submit(assessment, request.user)
        except ValidationError as error:
            messages.error(request, _("已保存，但还不能提交：") + " ".join(error.messages))
            return redirect("assessments:edit", receipt_no=receipt_no)
        messages.success(request, _("考核材料已提交，请等待县级人社部门组织专家考核。"))
        return redirect("assessments:detail", receipt_no=receipt_no)
    messages.success(request, _("已保存草稿。"))
    return redirect("assessments:edit", receipt_no=receipt_no)


def one_decimal(points):
    return None if points is None else Decimal(points).quantize(Decimal("0.1"))


def initial_values(assessment, rules):
    values = {
        "jobs_posted": assessment.jobs_posted,
        "recommendations_per_seeker": assessment.recommendations_per_seeker,
    }
    computed = computed_items(assessment, rules)
    for item in assessment.items.all():
        suggestion = computed.get(item.number)
        points = item.self_points if item.self_points is not None else (suggestion.points if suggestion else None)
        values[f"points_{item.number}"] = one_decimal(points)
        values[f"evidence_{item.number}"] = item.evidence_text
    return values


@transaction.atomic
def save_what_is_valid(assessment, form, honours):
    """Keep every valid value and file, even when other fields have errors; True when nothing had one."""
    form_ok = form.is_valid()
    for name in ("jobs_posted", "recommendations_per_seeker"):
        if name not in form.errors:
            setattr(assessment, name, form.cleaned_data.get(name))
    assessment.save()
    for item in assessment.items.all():
        n = item.number
        if f"points_{n}" not in form.errors:
            item.self_points = form.cleaned_data.get(f"points_{n}")
        if f"evidence_{n}" not in form.errors:
            item.evidence_text = form.cleaned_data.get(f"evidence_{n}", "")
        item.save()
        store_file(assessment, n, form.valid_value(f"files_{n}"))
    store_file(assessment, AssessmentEvidence.REPORT, form.valid_value("report"))
    discard_held_uploads(form)  # stored with the draft: shown again, the form asks for no file back
    honours_ok = honours.is_valid()
    if honours_ok:
        honours.save()
    return form_ok and honours_ok


def store_file(assessment, item_number, uploaded):
    if not uploaded:
        return
    AssessmentEvidence.objects.create(
        assessment=assessment,
        item_number=item_number,
        file=uploaded,
        original_name=uploaded.name[:200],
        content_type=uploaded.checked_content_type,
        size=uploaded.size,
    )


def render_edit(request, assessment, form, honours, rules):
    evidence = list(assessment.evidence.all())
    average, months = monthly_placements(assessment)
    context = {
        "assessment": assessment,
        "round": assessment.round,
        "form": form,
        "honours": honours,
        "computed": computed_items(assessment, rules),
        "evidence_by_item": {n: [e for e in evidence if e.item_number == n] for n in {e.item_number for e in evidence}},
        "report_files": [e for e in evidence if e.item_number == AssessmentEvidence.REPORT],
        "result": self_result(assessment, rules),
        "prediction": prediction_bands(rules, assessment.market.facility_type),
        "placements": assessment.placements.count(),
        "roster_url": reverse("assessments:roster", args=[assessment.receipt_no]),
        "monthly_average": average,
        "months": months,
        "problems": workflow.submission_problems(assessment),
    }
    return render(request, "assessments/assessment_form.html", context)


@operator_profile_required
def detail(request, profile, receipt_no):
    assessment = own_assessment(profile, receipt_no)
    context = {
        "assessment": assessment,
        "round": assessment.round,
        "items": assessment.items.all(),
        "events": assessment.events.exclude(action=AssessmentEvent.Action.REVEALED),
        "criteria": {c.number: c for c in round_rules(assessment.round).criteria},
        "subsidy_application": workflow.subsidy_application(assessment) if assessment.is_final else None,
    }
    return render(request, "assessments/assessment_detail.html", context)


@operator_profile_required
def evidence_file(request, profile, receipt_no, evidence_id):
    assessment = own_assessment(profile, receipt_no)
    evidence = get_object_or_404(assessment.evidence, pk=evidence_id)
    return private_file_response(evidence.file, evidence.content_type, evidence.original_name)


@require_POST
@operator_profile_required
def delete_evidence(request, profile, receipt_no, evidence_id):
    assessment = own_assessment(profile, receipt_no)
    if not assessment.is_editable:
        messages.error(request, _("考核材料已提交，不能删除佐证材料。"))
        return redirect("assessments:detail", receipt_no=receipt_no)
    evidence = get_object_or_404(assessment.evidence, pk=evidence_id)
    evidence.file.delete(save=False)
    evidence.delete()
    messages.success(request, _("已删除“%(name)s”。") % {"name": evidence.original_name})
    return redirect("assessments:edit", receipt_no=receipt_no)
