"""Messages of site."""

TEMPLATES: dict[str, dict[str, str]] = {
}
