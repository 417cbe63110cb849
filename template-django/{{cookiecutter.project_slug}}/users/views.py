from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.views.generic import CreateView

from .forms import SignUpForm


class SignUpView(CreateView):
    """Create an account, then sign its owner in."""

    form_class = SignUpForm
    template_name = "registration/signup.html"
    success_url = reverse_lazy("pages:home")

    def form_valid(self, form: SignUpForm) -> HttpResponse:
        response = super().form_valid(form)
        login(self.request, self.object)
        messages.success(self.request, f"Welcome, {self.object.username}!")
        return response
