"""The site's wording on django-allauth's pages: "Sign in", as the navigation says it."""

from django import template

register = template.Library()


@register.filter(is_safe=True)
def sentence_case(text: str) -> str:
    """allauth's Title Case headings and buttons ("Sign In", "Change Password") in sentence case."""
    text = str(text).strip()
    return text[:1].upper() + text[1:].lower()
