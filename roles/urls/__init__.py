"""URLs of the roles app, split by area like its views."""

from .network import urlpatterns as network_urls
from .people import urlpatterns as people_urls

app_name = "roles"
urlpatterns = people_urls + network_urls
