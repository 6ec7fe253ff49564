"""Receiving a comment on a consultation draft (post, then redirect back to the page)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from .forms import CommentForm


def receive_comment(page, request):
    if not page.accepts_comments():
        messages.error(request, _("征求意见已截止，不再接收意见。"))
        return HttpResponseRedirect(page.url + "#comments")
    form = CommentForm(request.POST, page=page)
    if form.is_valid():
        form.save()
        return HttpResponseRedirect(page.url + "?comment=received#comments")
    context = page.get_context(request, comment_form=form)
    return TemplateResponse(request, page.get_template(request), context)
