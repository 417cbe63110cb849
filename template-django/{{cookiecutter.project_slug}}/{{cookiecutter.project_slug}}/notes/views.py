{% if cookiecutter.use_async -%}
from typing import cast

{% if cookiecutter.use_auth -%}
from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView
{%- else -%}
from asgiref.sync import sync_to_async
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.generic import DetailView
{%- endif %}
{%- elif cookiecutter.use_auth -%}
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView
{%- else -%}
from django.views.generic import DetailView, ListView
{%- endif %}

from .models import Note

PAGE_SIZE = 50
{%- if cookiecutter.use_auth %}


class OwnNotesMixin(LoginRequiredMixin):
    """Only the signed-in user's notes: another user's note is a 404, as if it did not exist."""

    request: HttpRequest

    # The views find the model (their templates' names, the form's fields) from this query set.
    def get_queryset(self) -> QuerySet[Note]:
        return Note.objects.filter(owner_id=self.request.user.pk)
{%- endif %}
{%- if cookiecutter.use_async %}
{%- if cookiecutter.use_auth %}


@login_required
async def note_list(request: HttpRequest) -> HttpResponse:
    """The user's latest notes, read with the async ORM: the queries do not block the event loop."""
    user = await request.auser()
    notes = Note.objects.filter(owner_id=user.pk)
{%- else %}


async def note_list(request: HttpRequest) -> HttpResponse:
    """The latest notes, read with the async ORM: the queries do not block the event loop."""
    notes = Note.objects.all()
{%- endif %}
    paginator = Paginator(notes, PAGE_SIZE)
    # Counting the notes is a synchronous query (Django 5.2 has no async paginator).
    page = await sync_to_async(paginator.get_page)(request.GET.get("page"))
    # The page's slice of the query set, fetched with the async ORM.
    note_list = [note async for note in cast("QuerySet[Note]", page.object_list)]
    context = {"note_list": note_list, "page_obj": page, "is_paginated": paginator.num_pages > 1}
    # Rendering reads the session and the user for the navigation bar, which
    # are synchronous database queries: run it in a worker thread.
    return await sync_to_async(render)(request, "notes/note_list.html", context)
{%- elif cookiecutter.use_auth %}


class NoteListView(OwnNotesMixin, ListView):
    paginate_by = PAGE_SIZE
{%- else %}


class NoteListView(ListView):
    model = Note
    paginate_by = PAGE_SIZE
{%- endif %}
{%- if cookiecutter.use_auth %}


class NoteDetailView(OwnNotesMixin, DetailView):
    pass


class NoteCreateView(LoginRequiredMixin, CreateView):
    model = Note
    fields = ["title", "body"]

    def form_valid(self, form: ModelForm) -> HttpResponse:
        form.instance.owner = self.request.user
        return super().form_valid(form)


class NoteUpdateView(OwnNotesMixin, UpdateView):
    fields = ["title", "body"]


class NoteDeleteView(OwnNotesMixin, DeleteView):
    success_url = reverse_lazy("notes:list")
{%- else %}


class NoteDetailView(DetailView):
    model = Note
{%- endif %}
