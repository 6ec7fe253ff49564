"""The public side of a built form: the form, refused once it is closed or full; a submission saved once per
one-time token and within the places (the page's row locked while its submissions are counted); the receipt.

Every answer of these pages is private (a form with a CSRF token, a receipt from the session): none is kept by the
anonymous page cache (portal/page_cache.py) or a proxy, so "名额已满" or "已截止" is never served stale either.
"""

import datetime
import json
import logging
from decimal import Decimal

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from forms.cases.base import create_with_unique_receipt
from forms.cases.held_uploads import discard_held_uploads
from forms.cases.submissions import one_request_per_token, token_cache_key
from portal.ratelimits import exceeded

from .fields import ATTACHMENT_TYPE, COUNTY_TYPE
from .notifications import notify_owners
from .records import RECEIPT_PREFIX, BuiltFormSubmission, BuiltFormUpload

logger = logging.getLogger(__name__)

SESSION_KEY = "built_forms_last_submission"
RECEIPT_SHOWN_FOR = datetime.timedelta(minutes=15)
CLOSED, FULL = "closed", "full"
REFUSAL_STATUS = {CLOSED: 403, FULL: 409}


class Refused(Exception):
    """The form closed or filled up while this submission was on its way."""

    def __init__(self, state):
        super().__init__(state)
        self.state = state


def private(response):
    """Never from the anonymous page cache, never kept by a proxy (the page cache's own answer for forms)."""
    response["Cache-Control"] = "private, no-cache"
    return response


def availability(page):
    """CLOSED, FULL, or "" while the form takes submissions."""
    if page.is_closed():
        return CLOSED
    if page.is_full():
        return FULL
    return ""


def form_view(request, page):
    if request.method == "POST":
        token = request.POST.get("token", "")
        with one_request_per_token(token) as handled_here:
            if not handled_here:
                return private(still_in_progress(request, page))
            return private(submit(request, page, token))
    state = availability(page)
    form = None if state else page.get_form(page=page)
    return private(render_form(request, page, form, state, status=200))


def render_form(request, page, form, state, status):
    context = page.get_context(request)
    context.update(form=form, state=state, places_left=page.places_left())
    return TemplateResponse(request, page.get_template(request), context, status=status)


def still_in_progress(request, page):
    form = page.get_form(request.POST, page=page)
    form.add_error(
        None,
        _("您刚才的提交仍在处理中，请稍候一分钟再刷新本页查看回执；如仍未收到回执，再重新提交（所填内容已保留）。"),
    )
    return render_form(request, page, form, "", status=409)


def submit(request, page, token):
    if token and BuiltFormSubmission.objects.filter(submission_token=token).exists():
        return receipt_again(request, page, token)  # a resent or double-clicked form
    state = availability(page)
    if state:
        return render_form(request, page, None, state, status=REFUSAL_STATUS[state])
    form = page.get_form(request.POST, request.FILES, page=page)
    if exceeded(request, "built_form"):
        form.is_valid()
        discard_held_uploads(form)  # past the limit, nothing more is stored
        form.add_error(None, _("提交过于频繁，请稍后再试。您填写的内容已保留。"))
        return render_form(request, page, form, "", status=429)
    if not form.is_valid():
        return render_form(request, page, form, "", status=400)
    try:
        submission = save_submission(page, form)
    except Refused as refusal:
        return render_form(request, page, None, refusal.state, status=REFUSAL_STATUS[refusal.state])
    except IntegrityError:
        if BuiltFormSubmission.objects.filter(submission_token=form.cleaned_data["token"]).exists():
            return receipt_again(request, page, token)
        raise
    receipt = {"receipt_no": submission.receipt_no, "page": page.pk, "at": timezone.now().isoformat()}
    request.session[SESSION_KEY] = receipt
    cache.set(receipt_cache_key(token), receipt, RECEIPT_SHOWN_FOR.total_seconds())
    return redirect(done_url(page))


def done_url(page):
    return page.url + page.reverse_subpage("done_view")


def receipt_cache_key(token):
    return token_cache_key("built-form-receipt", token)


def receipt_again(request, page, token):
    receipt = cache.get(receipt_cache_key(token))
    if receipt is not None:
        request.session[SESSION_KEY] = receipt
    return redirect(done_url(page))


def answer_value(value):
    """An answer as JSON keeps it: dates in ISO form, amounts as text."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def answers_of(form):
    """(rows, the county answered, [(field name, label, file)]) from a valid form."""
    rows, county, files = [], None, []
    for bound in form.editor_fields():
        kind = form.field_types[bound.name]
        value = form.cleaned_data.get(bound.name)
        if kind == ATTACHMENT_TYPE:
            if value:
                files.append((bound.name, str(bound.label), value))
            value = value.name[:200] if value else ""
        elif kind == COUNTY_TYPE:
            county = county or value
            value = value.name if value else ""
        rows.append({"name": bound.name, "label": str(bound.label), "type": kind, "value": answer_value(value)})
    return rows, county, files


def save_submission(page, form):
    """Store the submission, its files and the owners' e-mail in one transaction, inside the places.

    The page's own row is locked (SELECT … FOR UPDATE; on SQLite the IMMEDIATE transaction holds the database's
    write lock from its start) while the submissions are counted, so two people can never take the last place.
    """
    rows, county, files = answers_of(form)
    with transaction.atomic():
        locked = type(page).objects.select_for_update(of=("self",)).get(pk=page.pk)
        if locked.is_closed():
            raise Refused(CLOSED)
        taken = locked.submissions.count()
        if locked.capacity is not None and taken >= locked.capacity:
            raise Refused(FULL)
        submission = create_with_unique_receipt(
            BuiltFormSubmission,
            RECEIPT_PREFIX,
            page=locked,
            county=county or locked.county,
            submission_token=form.cleaned_data["token"],
            answers_document=json.dumps(rows, ensure_ascii=False),
        )
        for name, label, uploaded in files:
            upload = BuiltFormUpload(
                submission=submission,
                field_name=name,
                field_label=label[:255],
                original_name=uploaded.name[:200],
                content_type=uploaded.checked_content_type,
                size=uploaded.size,
            )
            upload.file.save(uploaded.name, uploaded, save=False)
            upload.save()
        places_left = None if locked.capacity is None else locked.capacity - taken - 1
        notify_owners(locked, submission, places_left)
    discard_held_uploads(form)
    logger.info("built form %s: submission %s received", page.pk, submission.receipt_no)
    return submission


def fresh_receipt(request, page):
    receipt = request.session.get(SESSION_KEY)
    if not receipt or receipt.get("page") != page.pk:
        return None
    submitted = datetime.datetime.fromisoformat(receipt.get("at", "2000-01-01T00:00:00+00:00"))
    if timezone.now() - submitted > RECEIPT_SHOWN_FOR:
        del request.session[SESSION_KEY]
        return None
    return receipt


def form_done(request, page):
    context = page.get_context(request)
    context["receipt"] = fresh_receipt(request, page)
    return private(TemplateResponse(request, page.get_landing_page_template(request), context))


def preview_done(request, page):
    """The editor's preview of the confirmation page, with a made-up number."""
    context = page.get_context(request)
    context["receipt"] = {"receipt_no": f"{RECEIPT_PREFIX}{timezone.localdate():%Y%m%d}-000000"}
    return TemplateResponse(request, page.get_landing_page_template(request), context)
