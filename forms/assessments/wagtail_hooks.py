from wagtail import hooks

from . import views

hooks.register("operator_home_sections", views.my_services_section)
