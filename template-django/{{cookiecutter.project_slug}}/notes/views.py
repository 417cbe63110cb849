{% if cookiecutter.use_async -%}
from asgiref.sync import sync_to_async
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import DetailView
{% else -%}
from django.views.generic import DetailView, ListView
{% endif %}
from .models import Note

{% if cookiecutter.use_async %}
async def note_list(request: HttpRequest) -> HttpResponse:
    """The latest notes, read with the async ORM: the query does not block the event loop."""
    notes = [note async for note in Note.objects.all()[:50]]
    # Rendering reads the session and the user for the navigation bar, which
    # are synchronous database queries: run it in a worker thread.
    return await sync_to_async(render)(request, "notes/note_list.html", {"note_list": notes})
{%- else %}
class NoteListView(ListView):
    model = Note
    paginate_by = 50
{%- endif %}


class NoteDetailView(DetailView):
    model = Note
