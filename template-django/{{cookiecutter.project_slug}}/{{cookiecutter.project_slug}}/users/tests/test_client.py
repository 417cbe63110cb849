from django.test import RequestFactory, override_settings

from {{ cookiecutter.project_slug }}.users.client import address


@override_settings(TRUSTED_PROXY_COUNT=0)
def test_a_forwarded_header_is_ignored_without_proxies():
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="198.51.100.1")

    assert address(request) == "203.0.113.7"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")

    assert address(request) == "203.0.113.7"
