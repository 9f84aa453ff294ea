"""Rendering a page: the template, the status, and the error pages every view shares."""

from starlette.requests import Request
from starlette.responses import Response

from kg.web.context import server_of


def render(request: Request, template: str, context: dict, status: int = 200) -> Response:
    """``template`` (which extends ``base.html``) filled with ``context``; Jinja2 escapes
    every value, so text from the data or the user is shown, never run."""
    return server_of(request).templates.TemplateResponse(
        request, template, context, status_code=status
    )


def error_page(request: Request, status: int, title: str, message: str) -> Response:
    return render(request, "error.html", {"title": title, "message": message}, status)


def not_found(request: Request, message: str) -> Response:
    return error_page(request, 404, "Not found", message)
