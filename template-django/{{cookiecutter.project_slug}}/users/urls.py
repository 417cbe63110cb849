from django.urls import path

from . import views

app_name = "users"

# Log in, log out, password change and reset come from django.contrib.auth.urls,
# included under the same /accounts/ prefix in the project's URLconf.
urlpatterns = [
    path("signup/", views.SignUpView.as_view(), name="signup"),
]
