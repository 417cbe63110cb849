"""The site's wording on django-allauth's pages: "Sign in", as the navigation says it."""

from django import template

register = template.Library()


@register.filter(is_safe=True)
def sentence_case(text: str) -> str:
    """allauth's Title Case headings and buttons ("Sign In", "Change Password") in sentence case."""
    first, *rest = str(text).strip().split(" ")
    # Title Case words lose their capital; an acronym ("API", "MFA") keeps its capitals.
    return " ".join([first[:1].upper() + first[1:], *(word.lower() if word[1:].islower() else word for word in rest)])
