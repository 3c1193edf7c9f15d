"""Who may read and edit the institutes' form templates (samen.permissions reads these)."""

from samen.permissions import Reach, Role, Rule, coordinators, register

from .models import FormTemplate

# The forms of the gouden driehoek: an institute's templates (questionnaires engine). Its
# coordinator edits and publishes them; its instituutsopleiders, who examine with them, read
# them (and preview what a student will be asked). Mentors and students see the forms of their
# own placements, never the templates' editor.
register(
    Rule(
        "formtemplate.view",
        FormTemplate,
        {**coordinators(), Role.INSTITUUTSOPLEIDER: Reach.SCOPE},
        "See an institute's form templates, their versions, a preview and the differences",
    ),
    Rule(
        "formtemplate.manage",
        FormTemplate,
        coordinators(),
        "Create an institute's form templates, edit their draft and publish a new version "
        "(an institute's coordinator: its own institute's)",
    ),
)
