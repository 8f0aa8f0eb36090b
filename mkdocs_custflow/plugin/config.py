"""The ``custflow`` plugin's ``Config``, made from the one description of the
options (:class:`mkdocs_custflow.settings.options.Options`), where each option
is documented."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from mkdocs_custflow.settings.options import (
    OPTIONS,
    Host,
    Kind,
    OptionError,
    Options,
    OptionSpec,
    read_options,
)


def _config_option(spec: OptionSpec) -> base.BaseConfigOption[Any]:
    """The MkDocs config option that reads and checks ``spec`` as MkDocs does
    (paths relative to mkdocs.yml, made absolute, and required to exist)."""
    kind = spec.kind
    if kind is Kind.BOOL:
        return c.Type(bool, default=spec.default)
    if kind is Kind.INT:
        return c.Type(int, default=spec.default)
    if kind is Kind.TEXT:
        return c.Type(str, default=spec.default)
    if kind is Kind.OPTIONAL_TEXT:
        return c.Optional(c.Type(str))
    if kind is Kind.FILE:
        return c.Optional(c.File(exists=True))
    if kind is Kind.FOLDER:
        return c.Optional(c.Dir(exists=True))
    if kind is Kind.FOLDERS:
        return c.ListOfItems(c.Dir(exists=True), default=[])
    if kind in (Kind.MEASURES, Kind.INTERVAL):
        return _ReadOption(spec)
    return c.Type(dict, default={})


class _ReadOption(base.BaseConfigOption[Any]):
    """An option read as :func:`read_options` reads it (paths against the
    config file's folder, which they must stay inside)."""

    def __init__(self, spec: OptionSpec) -> None:
        super().__init__()
        self.spec = spec
        self.default = spec.default
        self.config_dir: Path | None = None

    def pre_validation(self, config: base.Config, key_name: str) -> None:
        path = config.config_file_path
        self.config_dir = Path(path).parent if path else None

    def run_validation(self, value: object) -> Any:
        try:
            options = read_options({self.spec.name: value}, folder=self.config_dir)
        except OptionError as exc:
            raise base.ValidationError(str(exc).removeprefix("mkdocs.yml: ")) from None
        return getattr(options, self.spec.name)


if TYPE_CHECKING:
    class CustflowConfig(base.Config):
        """The plugin's options: every field of Options that the plugin accepts."""
else:
    CustflowConfig = type("CustflowConfig", (base.Config,), {
        "__doc__": "The plugin's options: every field of Options that the plugin accepts.",
        "__module__": __name__,
        **{spec.name: _config_option(spec) for spec in OPTIONS if Host.PLUGIN in spec.hosts},
    })


def options_of(config: base.Config) -> Options:
    """The plugin's options as values (paths absolute, as MkDocs made them)."""
    values = {spec.name: config[spec.name] for spec in OPTIONS if Host.PLUGIN in spec.hosts}
    values["templates"] = tuple(values["templates"])
    values["rules"] = values["rules"] or {}
    return Options(**values)
