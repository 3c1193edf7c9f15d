from django import template

from .. import registry, views

register = template.Library()


@register.filter
def kind_label(name):
    """How pages name a notification kind."""
    return registry.label(name)


@register.filter
def about(notification):
    return views.describe(notification)


@register.filter
def status(notification):
    return views.status_text(notification)
