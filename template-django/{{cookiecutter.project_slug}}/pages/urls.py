from django.urls import path

from . import views

app_name = "pages"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    # pages.middleware answers these first, whatever the Host; here for reverse().
    path("health/", views.readiness, name="health"),
    path("health/live/", views.liveness, name="health-live"),
]
