"""Template tags of the ground floor."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from .. import panels as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def panels(context, slot, obj=None):
    """The panels that apps contribute to `slot` (samen.panels), rendered in order."""
    request = context["request"]
    html = [
        render_to_string(template_name, {**context.flatten(), **extra}, request=request)
        for template_name, extra in registry.for_slot(slot, request, obj)
    ]
    return mark_safe("".join(html))  # noqa: S308 (each part is a rendered, escaped template)
