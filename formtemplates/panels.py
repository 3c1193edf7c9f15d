"""What the form templates show on other pages (samen.panels): a way to the templates among
the placement year's pages on the placement list."""

from samen import panels


def stage_link(request, obj):
    return {} if request.access.can("formtemplate.view") else None


panels.register("stages", "formtemplates/_stage_links.html", stage_link, order=40)
