{% set htmx = cookiecutter.frontend == "htmx" -%}
{% if cookiecutter.use_async or htmx -%}
from typing import cast

{% endif -%}
{% if cookiecutter.use_async -%}
{% if cookiecutter.use_auth -%}
from asgiref.sync import sync_to_async
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.forms import {% if htmx %}BaseForm, {% endif %}ModelForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
{%- if htmx %}
from django.views.decorators.vary import vary_on_headers
{%- endif %}
from django.views.generic import CreateView, DeleteView, DetailView, UpdateView
{%- if htmx %}
from django_htmx.http import HttpResponseLocation
{%- endif %}
{%- else -%}
from asgiref.sync import sync_to_async
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
{%- if htmx %}
from django.views.decorators.vary import vary_on_headers
{%- endif %}
from django.views.generic import DetailView
{%- endif %}
{%- elif cookiecutter.use_auth -%}
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.messages.views import SuccessMessageMixin
from django.db.models import QuerySet
from django.forms import {% if htmx %}BaseForm, {% endif %}ModelForm
from django.http import HttpRequest, HttpResponse
from django.urls import reverse_lazy
{%- if htmx %}
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers
{%- endif %}
from django.views.generic import CreateView, DeleteView, DetailView, ListView, UpdateView
{%- if htmx %}
from django_htmx.http import HttpResponseLocation
{%- endif %}
{%- else -%}
{%- if htmx -%}
from django.http import HttpRequest
from django.utils.decorators import method_decorator
from django.views.decorators.vary import vary_on_headers
{% endif -%}
from django.views.generic import DetailView, ListView
{%- endif %}
{%- if htmx %}
from django_htmx.middleware import HtmxDetails
{%- endif %}

from .models import Note

PAGE_SIZE = 50
{%- if htmx %}
# The element of the list page that htmx swaps when it pages (id="note-list"): asked for by
# that target, the list view answers with the list alone (notes/_note_list.html).
LIST_TARGET = "note-list"


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def htmx(request: HttpRequest) -> HtmxDetails:
    """What django-htmx's middleware read from the request: whether htmx made it, for which target."""
    return cast("HtmxHttpRequest", request).htmx


def wants_list(request: HttpRequest) -> bool:
    """Whether htmx asks for the list alone (paging), not for the whole page."""
    return bool(htmx(request)) and htmx(request).target == LIST_TARGET
{%- if cookiecutter.use_auth %}


def form_templates(request: HttpRequest, page: list[str]) -> list[str]:
    """The form alone for htmx, which swaps it for the one posted (its errors beside the fields)."""
    return ["notes/_note_form.html"] if htmx(request) else page


def saved(request: HttpRequest, redirect: HttpResponse) -> HttpResponse:
    """Once saved: htmx loads the next page without a reload (HX-Location); a browser is redirected."""
    return HttpResponseLocation(redirect["Location"]) if htmx(request) else redirect
{%- endif %}
{%- endif %}
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
{%- if htmx %}
@vary_on_headers("HX-Request", "HX-Target")
async def note_list(request: HttpRequest) -> HttpResponse:
{%- else %}
async def note_list(request: HttpRequest) -> HttpResponse:
{%- endif %}
    """The user's latest notes, read with the async ORM: the queries do not block the event loop."""
    user = await request.auser()
    notes = Note.objects.filter(owner_id=user.pk)
{%- else %}


{% if htmx -%}
@vary_on_headers("HX-Request", "HX-Target")
async def note_list(request: HttpRequest) -> HttpResponse:
{%- else -%}
async def note_list(request: HttpRequest) -> HttpResponse:
{%- endif %}
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
{%- if htmx %}
    template = "notes/_note_list.html" if wants_list(request) else "notes/note_list.html"
    return await sync_to_async(render)(request, template, context)
{%- else %}
    return await sync_to_async(render)(request, "notes/note_list.html", context)
{%- endif %}
{%- else %}


{% if htmx -%}
# The answer depends on these headers: caches keep the page and the list apart.
@method_decorator(vary_on_headers("HX-Request", "HX-Target"), name="dispatch")
{% endif -%}
class NoteListView({% if cookiecutter.use_auth %}OwnNotesMixin, {% endif %}ListView):
{%- if not cookiecutter.use_auth %}
    model = Note
{%- endif %}
    paginate_by = PAGE_SIZE
{%- if htmx %}

    def get_template_names(self) -> list[str]:
        if wants_list(self.request):
            return ["notes/_note_list.html"]
        return super().get_template_names()
{%- endif %}
{%- endif %}
{%- if cookiecutter.use_auth %}


class NoteDetailView(OwnNotesMixin, DetailView):
    pass
{%- if htmx %}


class NoteCreateView(LoginRequiredMixin, SuccessMessageMixin, CreateView):
    model = Note
    fields = ["title", "body"]
    success_message = "Note saved."

    def get_template_names(self) -> list[str]:
        return form_templates(self.request, super().get_template_names())

    def form_valid(self, form: ModelForm) -> HttpResponse:
        form.instance.owner = self.request.user
        return saved(self.request, super().form_valid(form))


class NoteUpdateView(OwnNotesMixin, SuccessMessageMixin, UpdateView):
    fields = ["title", "body"]
    success_message = "Note saved."

    def get_template_names(self) -> list[str]:
        return form_templates(self.request, super().get_template_names())

    def form_valid(self, form: ModelForm) -> HttpResponse:
        return saved(self.request, super().form_valid(form))


class NoteDeleteView(OwnNotesMixin, SuccessMessageMixin, DeleteView):
    """Without JavaScript, the confirmation page then a redirect to the list; with htmx, the list's
    Delete button asks first (hx-confirm) and its card is swapped for this empty answer."""

    success_url = reverse_lazy("notes:list")
    success_message = "Note deleted."

    def form_valid(self, form: BaseForm) -> HttpResponse:
        if htmx(self.request):
            self.object.delete()
            return HttpResponse()
        return super().form_valid(form)
{%- else %}


class NoteCreateView(LoginRequiredMixin, SuccessMessageMixin, CreateView):
    model = Note
    fields = ["title", "body"]
    success_message = "Note saved."

    def form_valid(self, form: ModelForm) -> HttpResponse:
        form.instance.owner = self.request.user
        return super().form_valid(form)


class NoteUpdateView(OwnNotesMixin, SuccessMessageMixin, UpdateView):
    fields = ["title", "body"]
    success_message = "Note saved."


class NoteDeleteView(OwnNotesMixin, SuccessMessageMixin, DeleteView):
    success_url = reverse_lazy("notes:list")
    success_message = "Note deleted."
{%- endif %}
{%- else %}


class NoteDetailView(DetailView):
    model = Note
{%- endif %}
