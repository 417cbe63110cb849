"""Page numbers for the API's lists (REST_FRAMEWORK["DEFAULT_PAGINATION_CLASS"])."""

from typing import Any

from django.core.paginator import Paginator
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request


class StrictPageNumberPagination(PageNumberPagination):
    """DRF's page numbers, except that an empty ``?page=`` is refused (404) rather than
    read as page 1: the OpenAPI document says the page is an integer."""

    def get_page_number(self, request: Request, paginator: "Paginator[Any]") -> Any:
        if request.query_params.get(self.page_query_param) == "":
            raise NotFound("Invalid page.")
        return super().get_page_number(request, paginator)
