"""The quality cycle's pages (Plan, Do, Check, Act), under /<partnership>/kwaliteit/."""

from django.urls import path

from .views import actions, dialogues, gesprekskader, jaarplan

app_name = "pdca"
urlpatterns = [
    path("pdca/", actions.overview, name="overview"),
    path("pdca/terugblik/", actions.look_back, name="look_back"),
    path("gesprekskader/", gesprekskader.gesprekskader_list, name="gesprekskaders"),
    path("gesprekskader/nieuw/", gesprekskader.gesprekskader_start, name="gesprekskader_start"),
    path("gesprekskader/<int:pk>/", gesprekskader.gesprekskader_detail, name="gesprekskader"),
    path("gesprekskader/<int:pk>/item/", gesprekskader.gesprekskader_item, name="item_add"),
    path("gesprekskader/items/<int:pk>/", gesprekskader.gesprekskader_item_edit, name="item_edit"),
    path("jaarplannen/", jaarplan.jaarplan_list, name="jaarplannen"),
    path("jaarplannen/nieuw/", jaarplan.jaarplan_create, name="jaarplan_create"),
    path("jaarplannen/<int:pk>/", jaarplan.jaarplan_detail, name="jaarplan"),
    path("jaarplannen/<int:pk>/doel/", jaarplan.goal_add, name="goal_add"),
    path("jaarplannen/<int:pk>/indienen/", jaarplan.jaarplan_submit, name="jaarplan_submit"),
    path("jaarplannen/<int:pk>/vaststellen/", jaarplan.jaarplan_adopt, name="jaarplan_adopt"),
    path("jaarplannen/<int:pk>/terugsturen/", jaarplan.jaarplan_return, name="jaarplan_return"),
    path("jaarplannen/<int:pk>/nieuwe-versie/", jaarplan.jaarplan_reopen, name="jaarplan_reopen"),
    path("jaarplannen/<int:pk>/verschil/", jaarplan.jaarplan_diff, name="jaarplan_diff"),
    path("doelen/<int:pk>/", jaarplan.goal_edit, name="goal_edit"),
    path("doelen/<int:pk>/verwijderen/", jaarplan.goal_delete, name="goal_delete"),
    path("doelen/<int:pk>/activiteit/", jaarplan.activity_add, name="activity_add"),
    path("activiteiten/<int:pk>/", jaarplan.activity_progress, name="activity"),
    path("activiteiten/<int:pk>/bewerken/", jaarplan.activity_edit, name="activity_edit"),
    path("activiteiten/<int:pk>/verwijderen/", jaarplan.activity_delete, name="activity_delete"),
    path("dialogen/", dialogues.dialogue_list, name="dialogues"),
    path("dialogen/nieuw/", dialogues.dialogue_create, name="dialogue_create"),
    path("dialogen/<int:pk>/", dialogues.dialogue_detail, name="dialogue"),
    path("dialogen/<int:pk>/bewerken/", dialogues.dialogue_edit, name="dialogue_edit"),
    path("dialogen/<int:pk>/opbrengst/", dialogues.finding_add, name="finding_add"),
    path("dialogen/<int:pk>/vervolgstap/", dialogues.next_step_add, name="next_step_add"),
    path("vervolgstappen/<int:pk>/gezet/", dialogues.next_step_done, name="next_step_done"),
    path("opbrengsten/<int:pk>/actie/", dialogues.action_create, name="action_create"),
    path("acties/", actions.action_list, name="actions"),
    path("acties/<int:pk>/", actions.action_detail, name="action"),
]
