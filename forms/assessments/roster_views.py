"""The operator's roster page: rows entered online or uploaded from the portal's .xlsx template, all or nothing,
every bad cell named by row and column; nothing already entered is lost. Downloads in the annex's layout."""

import io

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.debug import sensitive_post_parameters

from forms.applications.views import operator_profile_required

from . import retention, roster, roster_files
from .models import PlacementRow
from .views import own_assessment

ONLINE_ROWS = 5  # blank rows offered on the page at a time
KEYS = [key for key, _label in roster.COLUMNS]


def heading_for(assessment):
    round_ = assessment.round
    return roster.Heading(
        assessment.market.title, assessment.market.address, round_.city.slug, round_.period_start, round_.period_end
    )


def stored_rows(assessment):
    return [
        roster.RosterRow(r.row_number, r.name, r.id_number, r.residence, r.phone, r.employer, r.placed_on)
        for r in assessment.placements.all()
    ]


def typed_rows(post):
    """The online rows that have anything typed in them, as raw rows with their line on the page."""
    rows = []
    for line in range(1, ONLINE_ROWS + 1):
        raw = {key: post.get(f"row-{line}-{key}", "").strip() for key in KEYS}
        if any(raw.values()):
            rows.append({**raw, roster.LINE: line})
    return rows


def already_listed(assessment, raw, rows):
    """Errors for new rows whose person is already in the stored roster (named by the stored row's 序号)."""
    stored = {row.id_number: row.row_number for row in assessment.placements.all()}
    return [
        roster.RowError(
            line[roster.LINE],
            roster.LABELS["id_number"],
            _("与花名册中已有的序号%(n)s重复，同一人只能填报一次。") % {"n": stored[row.id_number]},
        )
        for line, row in zip(raw, rows, strict=True)
        if row.id_number in stored
    ]


@transaction.atomic
def save_rows(assessment, rows, replace=False):
    if replace:
        assessment.placements.all().delete()
    for row in rows:
        PlacementRow.objects.create(assessment=assessment, **row.__dict__)


@sensitive_post_parameters()
@operator_profile_required
def roster_page(request, profile, receipt_no):
    assessment = own_assessment(profile, receipt_no)
    errors, typed = [], {}
    if request.method == "POST" and assessment.is_editable:
        intent = request.POST.get("intent")
        if intent == "upload":
            errors = upload(request, assessment)
        elif intent == "delete":
            assessment.placements.filter(pk=request.POST.get("row")).delete()
            messages.success(request, _("已删除一行。"))
        else:
            errors, typed = add_online(request, assessment)
        if not errors:
            return redirect("assessments:roster", receipt_no=receipt_no)
    context = {
        "assessment": assessment,
        "round": assessment.round,
        "rows": assessment.placements.all(),
        "columns": roster.COLUMNS,
        "online_lines": [
            (line, [(key, label, typed.get(f"row-{line}-{key}", "")) for key, label in roster.COLUMNS])
            for line in range(1, ONLINE_ROWS + 1)
        ],
        "errors": errors,
        "annex": heading_for(assessment).annex,
        "retention": retention.roster_notice(assessment.round),
    }
    return render(request, "assessments/roster.html", context, status=400 if errors else 200)


def add_online(request, assessment):
    raw = typed_rows(request.POST)
    typed = {f"row-{r[roster.LINE]}-{key}": r[key] for r in raw for key in KEYS}
    if not raw:
        return [roster.RowError(None, None, _("请至少填写一行。"))], typed
    round_ = assessment.round
    rows, errors = roster.check_rows(raw, round_.period_start, round_.period_end)
    errors = errors or already_listed(assessment, raw, rows)
    if errors:
        return errors, typed
    save_rows(assessment, rows)
    messages.success(request, _("已加入%(n)s人。") % {"n": len(raw)})
    return [], {}


def upload(request, assessment):
    uploaded = request.FILES.get("roster")
    if uploaded is None:
        return [roster.RowError(None, None, _("请选择要上传的花名册文件（.xlsx）。"))]
    if uploaded.size > 5 * 1024 * 1024:
        return [roster.RowError(None, None, _("文件太大：花名册文件不能超过 5 MB。"))]
    raw, errors = roster_files.read_xlsx(uploaded)
    if errors:
        return errors
    round_ = assessment.round
    rows, errors = roster.check_rows(raw, round_.period_start, round_.period_end)
    if errors:
        return errors
    save_rows(assessment, rows, replace=True)
    messages.success(request, _("已上传花名册，共%(n)s人（替换了原有的行）。") % {"n": len(rows)})
    return []


def download(content, filename, content_type):
    response = FileResponse(io.BytesIO(content), as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"  # full identity and phone numbers
    return response


@operator_profile_required
def roster_template(request, profile, receipt_no):
    assessment = own_assessment(profile, receipt_no)
    heading = heading_for(assessment)
    content = roster_files.template_xlsx(
        heading.market_name, heading.address, heading.city_slug, heading.period_start, heading.period_end
    )
    return download(content, roster_files.file_name(heading, "xlsx"), roster_files.XLSX_CONTENT_TYPE)


@operator_profile_required
def roster_export(request, profile, receipt_no, extension):
    assessment = own_assessment(profile, receipt_no)
    heading = heading_for(assessment)
    if extension == "docx":
        return download(
            roster_files.roster_docx(stored_rows(assessment), heading),
            roster_files.file_name(heading, "docx"),
            roster_files.DOCX_CONTENT_TYPE,
        )
    return download(
        roster_files.roster_xlsx(stored_rows(assessment), heading),
        roster_files.file_name(heading, "xlsx"),
        roster_files.XLSX_CONTENT_TYPE,
    )
