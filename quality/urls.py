from django.urls import path

from . import calendar_views, views

app_name = "quality"
urlpatterns = [
    path("dossiers/<int:pk>/", views.dossier_detail, name="dossier"),
    path("dossiers/<int:pk>/waarborg/<int:waarborg>/", views.section_edit, name="section_edit"),
    path("momenten/", views.moment_list, name="moments"),
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
