from django.urls import path

from . import calendar_views, pdca_views, views

app_name = "quality"
urlpatterns = [
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier"),
    path("dossiers/<int:pk>/waarborg/<int:waarborg>/", views.section_edit, name="section_edit"),
    path("momenten/", views.moment_list, name="moments"),
]

# Plan, Do, Check, Act (quality/pdca_views.py).
urlpatterns += [
    path("pdca/", pdca_views.overview, name="overview"),
    path("pdca/terugblik/", pdca_views.look_back, name="look_back"),
    path("gesprekskader/", pdca_views.gesprekskader_list, name="gesprekskaders"),
    path("gesprekskader/nieuw/", pdca_views.gesprekskader_start, name="gesprekskader_start"),
    path("gesprekskader/<int:pk>/", pdca_views.gesprekskader_detail, name="gesprekskader"),
    path("gesprekskader/<int:pk>/item/", pdca_views.gesprekskader_item, name="item_add"),
    path("gesprekskader/items/<int:pk>/", pdca_views.gesprekskader_item_edit, name="item_edit"),
    path("jaarplannen/", pdca_views.jaarplan_list, name="jaarplannen"),
    path("jaarplannen/nieuw/", pdca_views.jaarplan_create, name="jaarplan_create"),
    path("jaarplannen/<int:pk>/", pdca_views.jaarplan_detail, name="jaarplan"),
    path("jaarplannen/<int:pk>/doel/", pdca_views.goal_add, name="goal_add"),
    path("jaarplannen/<int:pk>/indienen/", pdca_views.jaarplan_submit, name="jaarplan_submit"),
    path("jaarplannen/<int:pk>/vaststellen/", pdca_views.jaarplan_adopt, name="jaarplan_adopt"),
    path("jaarplannen/<int:pk>/terugsturen/", pdca_views.jaarplan_return, name="jaarplan_return"),
    path("jaarplannen/<int:pk>/nieuwe-versie/", pdca_views.jaarplan_reopen, name="jaarplan_reopen"),
    path("jaarplannen/<int:pk>/verschil/", pdca_views.jaarplan_diff, name="jaarplan_diff"),
    path("doelen/<int:pk>/", pdca_views.goal_edit, name="goal_edit"),
    path("doelen/<int:pk>/verwijderen/", pdca_views.goal_delete, name="goal_delete"),
    path("doelen/<int:pk>/activiteit/", pdca_views.activity_add, name="activity_add"),
    path("activiteiten/<int:pk>/", pdca_views.activity_progress, name="activity"),
    path("activiteiten/<int:pk>/bewerken/", pdca_views.activity_edit, name="activity_edit"),
    path("activiteiten/<int:pk>/verwijderen/", pdca_views.activity_delete, name="activity_delete"),
    path("dialogen/", pdca_views.dialogue_list, name="dialogues"),
    path("dialogen/nieuw/", pdca_views.dialogue_create, name="dialogue_create"),
    path("dialogen/<int:pk>/", pdca_views.dialogue_detail, name="dialogue"),
    path("dialogen/<int:pk>/bewerken/", pdca_views.dialogue_edit, name="dialogue_edit"),
    path("dialogen/<int:pk>/opbrengst/", pdca_views.finding_add, name="finding_add"),
    path("dialogen/<int:pk>/vervolgstap/", pdca_views.next_step_add, name="next_step_add"),
    path("vervolgstappen/<int:pk>/gezet/", pdca_views.next_step_done, name="next_step_done"),
    path("opbrengsten/<int:pk>/actie/", pdca_views.action_create, name="action_create"),
    path("acties/", pdca_views.action_list, name="actions"),
    path("acties/<int:pk>/", pdca_views.action_detail, name="action"),
]

# The kwaliteitscyclus and its calendar (quality/calendar_views.py).
urlpatterns += [
    path("cyclus/", calendar_views.cycle_list, name="cycle"),
    path("cyclus/nieuw/", calendar_views.cycle_edit, name="cycle_create"),
    path("cyclus/<int:pk>/", calendar_views.cycle_edit, name="cycle_edit"),
    path("cyclus/genereren/", calendar_views.cycle_generate, name="cycle_generate"),
    path("kalender/", calendar_views.calendar_today, name="calendar"),
    path("kalender/<int:year>/<int:month>/", calendar_views.calendar_month, name="calendar_month"),
    path("kalender/schooljaar/<int:year>/", calendar_views.calendar_year, name="calendar_year"),
    path("momenten/<int:pk>/", calendar_views.moment_detail, name="moment"),
    path("momenten/<int:pk>/afronden/", calendar_views.moment_done, name="moment_done"),
    path("scholen/", calendar_views.school_quality_list, name="school_quality_list"),
    path("scholen/<int:pk>/", calendar_views.school_quality, name="school_quality"),
    path("agenda/", calendar_views.agenda, name="agenda"),
    path("agenda/vernieuwen/", calendar_views.agenda_reset, name="agenda_reset"),
    path("agenda/<str:token>.ics", calendar_views.feed, name="feed"),
]
