"""Public views: submit a complaint or feedback, check progress and rate, answer a survey."""

import datetime
import logging

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from forms.cases.base import create_with_unique_receipt, new_query_code, query_code_digest
from forms.cases.held_uploads import discard_held_uploads
from forms.cases.public_forms import progress_form
from forms.cases.submissions import one_request_per_token, token_cache_key
from portal.ratelimits import exceeded, usage, used_up

from .notifications import notify_county_of_arrival
from .public_forms import CaseForm, FeedbackForm, ProgressForm, RatingForm, SurveyForm
from .records import CaseTimeLimits, Complaint, ComplaintAttachment, SurveyResponse
from .workflow import A, record

logger = logging.getLogger(__name__)

RECEIPT_PREFIX = {Complaint.Kind.COMPLAINT: "TS", Complaint.Kind.FEEDBACK: "JY"}
SESSION_KEY = "forms_last_case"
# The receipt page shows the query code this long after submission (long enough for a double click or a reload),
# then the code leaves the session: only its digest is kept anywhere.
RECEIPT_SHOWN_FOR = datetime.timedelta(minutes=15)


def too_many(form, message):
    form.add_error(None, message)


# --- complaint and feedback ----------------------------------------------------------


def case_form(request, page):
    if request.method == "POST":
        with one_request_per_token(request.POST.get("token", "")) as handled_here:
            if not handled_here:
                return still_in_progress(request, page)
            return submit_case(request, page)
    return render_case_form(request, page, case_form_class(page)(), status=200)


def still_in_progress(request, page):
    """The same form is being saved by an earlier click that has not finished: the form again, as typed."""
    form = case_form_class(page)(request.POST)
    form.add_error(
        None,
        _("您刚才的提交仍在处理中，请稍候一分钟再刷新本页查看回执；如仍未收到回执，再重新提交（所填内容已保留）。"),
    )
    return render_case_form(request, page, form, status=409)


def case_form_class(page):
    return FeedbackForm if page.kind == Complaint.Kind.FEEDBACK else CaseForm


def render_case_form(request, page, form, status):
    context = page.get_context(request)
    context.update(form=form, limits=CaseTimeLimits.load(request_or_site=request))
    return TemplateResponse(request, "forms/case_form_page.html", context, status=status)


def submit_case(request, page):
    form = case_form_class(page)(request.POST, request.FILES)
    token = request.POST.get("token", "")
    if token and Complaint.objects.filter(submission_token=token).exists():
        return receipt_again(request, page, token)  # a resent or double-clicked form
    status = 400
    if exceeded(request, "submit"):
        form.is_valid()
        discard_held_uploads(form)  # past the limit, nothing more is stored
        too_many(form, _("提交过于频繁，请稍后再试。您填写的内容已保留。"))
        status = 429
    elif form.is_valid():
        try:
            case, code = save_case(form, page.kind)
        except IntegrityError:
            if Complaint.objects.filter(submission_token=form.cleaned_data["token"]).exists():
                return receipt_again(request, page, token)
            raise
        discard_held_uploads(form)
        receipt = {"receipt_no": case.receipt_no, "query_code": code, "page": page.pk, "at": timezone.now().isoformat()}
        request.session[SESSION_KEY] = receipt
        # A second click's request may come from a browser that never got this answer's session cookie.
        cache.set(receipt_cache_key(token), receipt, RECEIPT_SHOWN_FOR.total_seconds())
        return redirect(page.url + page.reverse_subpage("done_view"))
    return render_case_form(request, page, form, status)


def receipt_cache_key(token):
    return token_cache_key("complaint-receipt", token)


def receipt_again(request, page, token):
    """The receipt page for a form already stored, with its code if it was stored in the last fifteen minutes."""
    receipt = cache.get(receipt_cache_key(token))
    if receipt is not None:
        request.session[SESSION_KEY] = receipt
    return redirect(page.url + page.reverse_subpage("done_view"))


def save_case(form, kind):
    data = form.cleaned_data
    code = new_query_code()
    with transaction.atomic():
        case = create_with_unique_receipt(
            Complaint,
            RECEIPT_PREFIX[kind],
            kind=kind,
            category=data.get("category"),
            market=data.get("market"),
            county=data["county"],
            handling_county=data["county"],
            description=data["description"],
            happened_on=data.get("happened_on"),
            anonymous=bool(data.get("anonymous")),
            contact_name=data.get("contact_name", ""),
            contact_phone=data.get("contact_phone", ""),
            contact_email=data.get("contact_email", ""),
            submission_token=data["token"],
            open311_client=data.get("open311_client"),
            query_code_digest="pending",
            acknowledge_due=timezone.localdate(),
            close_due=timezone.localdate(),
        )
        case.query_code_digest = query_code_digest(case.receipt_no, code)
        case.set_deadlines()
        case.save(update_fields=["query_code_digest", "acknowledge_due", "close_due"])
        for uploaded in form.attachments():
            attachment = ComplaintAttachment(
                case=case,
                original_name=uploaded.name[:200],
                content_type=uploaded.checked_content_type,
                size=uploaded.size,
            )
            attachment.file.save(uploaded.name, uploaded, save=False)
            attachment.save()
        record(case, A.SUBMITTED, actor_label=_("公众"))
        record(case, A.ASSIGNED, actor_label=_("系统"), county=case.handling_county, note=_("按发生地自动转办"))
        notify_county_of_arrival(case)
    logger.info("case %s received", case.receipt_no)
    return case, code


def case_done(request, page, progress_page):
    context = page.get_context(request)
    context.update(receipt=fresh_receipt(request, page), progress_page=progress_page)
    return TemplateResponse(request, "forms/case_done.html", context)


def fresh_receipt(request, page):
    """The receipt of this page's form just submitted in this session; an older one is dropped from the session."""
    receipt = request.session.get(SESSION_KEY)
    if not receipt or receipt.get("page") != page.pk:
        return None
    submitted = datetime.datetime.fromisoformat(receipt.get("at", "2000-01-01T00:00:00+00:00"))
    if timezone.now() - submitted > RECEIPT_SHOWN_FOR:
        del request.session[SESSION_KEY]
        return None
    return receipt


# --- progress and rating -------------------------------------------------------------


def find_case(form):
    """The case for a receipt number and query code, or None for any wrong pair."""
    receipt_no, code = form.cleaned_data["receipt_no"], form.cleaned_data["query_code"]
    case = Complaint.objects.filter(receipt_no=receipt_no).select_related("category", "handling_county").first()
    if case is None or not case.matches_query_code(code):
        return None
    return case


NOT_FOUND = "没有找到与这组受理编号和查询码对应的记录，请核对后重试。"


def lookups_blocked(request):
    """Refused once the address has used up its failed look-ups (10 an hour: the 11th try is refused)."""
    return used_up(request, "lookup_failures")


def checked_case(request, form):
    """``find_case``, counting every failed look-up against the address, whatever the form was for."""
    case = find_case(form)
    if case is None:
        usage(request, "lookup_failures", increment=True)
    return case


def progress(request, page):
    context = page.get_context(request)
    case = None
    status = 200
    rating_form = None
    if request.method == "POST":
        form_class = RatingForm if "rating" in request.POST or request.POST.get("action") == "rate" else ProgressForm
        form = form_class(request.POST)
        if lookups_blocked(request):
            form.is_valid()
            too_many(form, _("查询失败次数过多，请一小时后再试。"))
            status = 429
        elif form.is_valid():
            case = checked_case(request, form)
            if case is None:
                form.add_error(None, _(NOT_FOUND))
                status = 404
            elif form_class is RatingForm:
                rating_form = save_rating(case, form)
                case.refresh_from_db()
        else:
            status = 400
            if form_class is RatingForm and not form.has_error("receipt_no") and not form.has_error("query_code"):
                case = checked_case(request, form)
                rating_form = form if case else None
    else:
        form = progress_form(request)
    if case is not None and case.can_be_rated and rating_form is None:
        rating_form = RatingForm(initial={"receipt_no": case.receipt_no, "query_code": form.cleaned_data["query_code"]})
    context.update(form=form, case=case, rating_form=rating_form, events=public_events(case))
    return TemplateResponse(request, "forms/progress_page.html", context, status=status)


def public_events(case):
    """Dates the public may see: no names of staff, no internal notes."""
    if case is None:
        return []
    shown = {A.SUBMITTED, A.ACCEPTED, A.REJECTED, A.REPLIED, A.CLOSED, A.EXTENSION_APPROVED, A.RATED}
    return [event for event in case.events.all() if event.action in shown]


def save_rating(case, form):
    """Rate once: the update only matches a closed, unrated case, so a second try changes nothing."""
    updated = Complaint.objects.filter(pk=case.pk, status=Complaint.Status.CLOSED, rating="").update(
        rating=form.cleaned_data["rating"], rated_at=timezone.now()
    )
    if updated:
        case.rating = form.cleaned_data["rating"]
        record(case, A.RATED, actor_label=_("投诉人"), note=case.get_rating_display())
    return None


# --- satisfaction survey ---------------------------------------------------------------


def survey(request, page):
    context = page.get_context(request)
    status = 200
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if exceeded(request, "survey"):
            form.is_valid()
            too_many(form, _("提交过于频繁，请稍后再试。"))
            status = 429
        elif form.is_valid():
            data = form.cleaned_data
            SurveyResponse.objects.create(
                market=data["market"],
                respondent=data["respondent"],
                environment=data["environment"],
                process=data["process"],
                result=data["result"],
                comment=data["comment"],
            )
            context["thanks"] = True
            return TemplateResponse(request, "forms/survey_page.html", context)
        else:
            status = 400
    else:
        form = SurveyForm(initial={"market": request.GET.get("market")})
    context["form"] = form
    return TemplateResponse(request, "forms/survey_page.html", context, status=status)
