"""The ``mch-extract`` console script: what runs before :mod:`mch_extract.cli` is imported."""

from __future__ import annotations

import os
import sys
import types


def skip_plugin_scan() -> None:
    """When pydantic plugins are disabled, do not import the module that looks for them.

    pydantic imports ``pydantic.plugin._loader`` when it builds its first validator, even with
    ``PYDANTIC_DISABLE_PLUGINS`` set, and that module imports ``importlib.metadata`` (email,
    zipfile, csv …): 30 to 80 ms of a 0.5 s command, to find no plugin.  With plugins disabled
    the loader's only function, ``get_plugins``, returns nothing; a module that says so takes
    its place.  Nothing changes when plugins are enabled or the loader is already imported.
    """
    if os.environ.get("PYDANTIC_DISABLE_PLUGINS") not in ("__all__", "1", "true"):
        return
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return
    loader = types.ModuleType(name, "pydantic plugins are disabled (PYDANTIC_DISABLE_PLUGINS): none to load")
    loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules[name] = loader


def main() -> None:
    """Entry point of the console script and of ``python -m mch_extract``."""
    # pydantic would scan every installed package's entry points for plugins at start-up
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    skip_plugin_scan()
    from .cli import main as cli_main

    cli_main(sys.argv[1:])
