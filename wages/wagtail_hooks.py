from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from portal.scoping import cities_for

from .admin_views import import_view, template_view


@hooks.register("register_admin_urls")
def wage_guide_admin_urls():
    return [
        path("wage-guide/import/", import_view, name="wages_import"),
        path("wage-guide/template.xlsx", template_view, name="wages_import_template"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return cities_for(request.user).exists()


@hooks.register("register_admin_menu_item")
def wage_guide_import_menu_item():
    return ImportMenuItem(_("导入工资指导价位"), reverse("wages_import"), icon_name="table", order=350)
