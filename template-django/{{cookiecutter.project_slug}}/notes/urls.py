from django.urls import path

from . import views

app_name = "notes"

urlpatterns = [
    path("", views.{{ "note_list" if cookiecutter.use_async else "NoteListView.as_view()" }}, name="list"),
    path("<int:pk>/", views.NoteDetailView.as_view(), name="detail"),
]
