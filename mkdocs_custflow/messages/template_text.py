"""Messages of template."""

TEMPLATES: dict[str, dict[str, str]] = {
}
