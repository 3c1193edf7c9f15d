"""The kwaliteitscyclus's pages, under /<partnership>/kwaliteit/: the moments and their
reminders, the cycle, the calendar, the schools' quality and the agenda-koppeling."""

from django.urls import path

from . import views

app_name = "cycle"
urlpatterns = [
    path("momenten/", views.moment_list, name="moments"),
    path("cyclus/", views.cycle_list, name="cycle"),
    path("cyclus/nieuw/", views.CycleActivityCreate.as_view(), name="cycle_create"),
    path("cyclus/<int:pk>/", views.CycleActivityEdit.as_view(), name="cycle_edit"),
    path("cyclus/genereren/", views.CycleGenerate.as_view(), name="cycle_generate"),
    path("kalender/", views.calendar_today, name="calendar"),
    path("kalender/<int:year>/<int:month>/", views.calendar_month, name="calendar_month"),
    path("kalender/schooljaar/<int:year>/", views.calendar_year, name="calendar_year"),
    path("momenten/<int:pk>/", views.moment_detail, name="moment"),
    path("momenten/<int:pk>/afronden/", views.MomentDone.as_view(), name="moment_done"),
    path("scholen/", views.school_quality_list, name="school_quality_list"),
    path("scholen/<int:pk>/", views.school_quality, name="school_quality"),
    path("agenda/", views.agenda, name="agenda"),
    path("agenda/vernieuwen/", views.AgendaReset.as_view(), name="agenda_reset"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
]
