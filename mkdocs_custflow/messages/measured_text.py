"""Messages of measured."""

TEMPLATES: dict[str, dict[str, str]] = {
}
