"""The blocks of a policy's main text: numbered section headings (with anchors) and paragraphs."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks


class SectionHeadingBlock(blocks.StructBlock):
    level = blocks.ChoiceBlock(
        choices=[("2", _("一级标题（一、）")), ("3", _("二级标题（（一））"))], default="2", label=_("层级")
    )
    text = blocks.CharBlock(label=_("标题"), max_length=120)
    anchor = blocks.RegexBlock(
        regex=r"^[a-z0-9-]+$",
        required=False,
        label=_("锚点"),
        help_text=_("用于链接到本节，如 part-2-2（小写字母、数字和连字符）"),
        error_messages={"invalid": _("锚点只能包含小写字母、数字和连字符")},
    )

    class Meta:
        icon = "title"
        label = _("章节标题")
        template = "policies/blocks/section_heading.html"


class PolicyBodyBlock(blocks.StreamBlock):
    heading = SectionHeadingBlock()
    paragraph = blocks.RichTextBlock(features=["bold", "link", "ol", "ul"], label=_("段落"))
