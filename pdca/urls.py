"""The quality cycle's pages (Plan, Do, Check, Act), under /<partnership>/kwaliteit/."""

from django.urls import path

from .views import actions, dialogues, gesprekskader, jaarplan

app_name = "pdca"
urlpatterns = [
    path("pdca/", actions.overview, name="overview"),
    path("pdca/terugblik/", actions.look_back, name="look_back"),
    path("gesprekskader/", gesprekskader.gesprekskader_list, name="gesprekskaders"),
    path(
        "gesprekskader/nieuw/",
        gesprekskader.GesprekskaderStart.as_view(),
        name="gesprekskader_start",
    ),
    path("gesprekskader/<int:pk>/", gesprekskader.gesprekskader_detail, name="gesprekskader"),
    path("gesprekskader/<int:pk>/item/", gesprekskader.ItemAdd.as_view(), name="item_add"),
    path("gesprekskader/items/<int:pk>/", gesprekskader.ItemEdit.as_view(), name="item_edit"),
    path("jaarplannen/", jaarplan.jaarplan_list, name="jaarplannen"),
    path("jaarplannen/nieuw/", jaarplan.JaarplanCreate.as_view(), name="jaarplan_create"),
    path("jaarplannen/<int:pk>/", jaarplan.jaarplan_detail, name="jaarplan"),
    path("jaarplannen/<int:pk>/doel/", jaarplan.GoalAdd.as_view(), name="goal_add"),
    path(
        "jaarplannen/<int:pk>/indienen/", jaarplan.JaarplanSubmit.as_view(), name="jaarplan_submit"
    ),
    path(
        "jaarplannen/<int:pk>/vaststellen/",
        jaarplan.JaarplanAdopt.as_view(),
        name="jaarplan_adopt",
    ),
    path(
        "jaarplannen/<int:pk>/terugsturen/",
        jaarplan.JaarplanReturn.as_view(),
        name="jaarplan_return",
    ),
    path(
        "jaarplannen/<int:pk>/nieuwe-versie/",
        jaarplan.JaarplanReopen.as_view(),
        name="jaarplan_reopen",
    ),
    path("jaarplannen/<int:pk>/verschil/", jaarplan.jaarplan_diff, name="jaarplan_diff"),
    path("doelen/<int:pk>/", jaarplan.GoalEdit.as_view(), name="goal_edit"),
    path("doelen/<int:pk>/verwijderen/", jaarplan.GoalDelete.as_view(), name="goal_delete"),
    path("doelen/<int:pk>/activiteit/", jaarplan.ActivityAdd.as_view(), name="activity_add"),
    path("activiteiten/<int:pk>/", jaarplan.ActivityProgress.as_view(), name="activity"),
    path("activiteiten/<int:pk>/bewerken/", jaarplan.ActivityEdit.as_view(), name="activity_edit"),
    path(
        "activiteiten/<int:pk>/verwijderen/",
        jaarplan.ActivityDelete.as_view(),
        name="activity_delete",
    ),
    path("dialogen/", dialogues.dialogue_list, name="dialogues"),
    path("dialogen/nieuw/", dialogues.DialogueCreate.as_view(), name="dialogue_create"),
    path("dialogen/<int:pk>/", dialogues.dialogue_detail, name="dialogue"),
    path("dialogen/<int:pk>/bewerken/", dialogues.DialogueEdit.as_view(), name="dialogue_edit"),
    path("dialogen/<int:pk>/opbrengst/", dialogues.FindingAdd.as_view(), name="finding_add"),
    path("dialogen/<int:pk>/vervolgstap/", dialogues.NextStepAdd.as_view(), name="next_step_add"),
    path("vervolgstappen/<int:pk>/gezet/", dialogues.NextStepDone.as_view(), name="next_step_done"),
    path("opbrengsten/<int:pk>/actie/", dialogues.ActionCreate.as_view(), name="action_create"),
    path("acties/", actions.action_list, name="actions"),
    path("acties/<int:pk>/", actions.ActionDetail.as_view(), name="action"),
]
