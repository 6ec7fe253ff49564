from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class PhotoBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("照片"))
    caption = blocks.CharBlock(label=_("说明（同时作为图片替代文字）"), max_length=100)

    class Meta:
        icon = "image"
        label = _("照片")
        template = "markets/blocks/photo.html"
