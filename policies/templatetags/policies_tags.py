from django import template

from ..rules import yuan as yuan_text

register = template.Library()


@register.filter
def yuan(amount):
    """50000 → 5万元; 12345 → 12,345元 (amounts in whole yuan, as the policies state them)."""
    return yuan_text(amount)
