"""Database commands: ``hromada manage``, ``hromada serve`` and ``hromada demo``.

Each calls ``django.setup()`` inside the command, so the file commands never
pay for (or need) Django.
"""

from __future__ import annotations

import os
from typing import Any

import click

SETTINGS = "hromada.web.settings"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS)
    import django
    from django.conf import settings

    django.setup()
    # SQLite cannot create its file in a folder that does not exist.
    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)


@click.command(
    context_settings={"ignore_unknown_options": True, "help_option_names": []},
    add_help_option=False,
)
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Any Django management command: hromada manage migrate, createsuperuser, …"""
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hromada manage", *args])


@click.command()
@click.option(
    "--host", default="127.0.0.1", show_default=True, help="Address to listen on."
)
@click.option(
    "--port", default=8000, show_default=True, type=int, help="Port to listen on."
)
@click.option(
    "--workers", default=2, show_default=True, type=int, help="Worker processes."
)
def serve(host: str, port: int, workers: int) -> None:
    """Serve the web app with gunicorn (static files by whitenoise)."""
    setup_django()
    from django.core.management import call_command

    call_command("collectstatic", interactive=False, verbosity=0)
    from gunicorn.app.base import BaseApplication

    from hromada.web.wsgi import application

    class Server(BaseApplication):
        def load_config(self) -> None:
            self.cfg.set("bind", f"{host}:{port}")
            self.cfg.set("workers", workers)
            self.cfg.set("accesslog", "-")

        def load(self) -> Any:
            return application

    click.echo(f"Hromada on http://{host}:{port}/")
    Server().run()


@click.command()
@click.option(
    "--reset", is_flag=True, help="Remove the demo network first, then load it anew."
)
@click.option(
    "--if-new",
    "if_new",
    is_flag=True,
    help="Load only into a database with no users yet.",
)
def demo(reset: bool, if_new: bool) -> None:
    """Load the demo network and print the demo log-ins."""
    setup_django()
    from hromada.web import demo as demo_loader

    if if_new and reset:
        raise click.UsageError("--reset and --if-new exclude each other")
    outcome = demo_loader.load(reset=reset, only_if_new=if_new)
    click.echo(outcome.summary)
    click.echo(demo_loader.login_table())


COMMANDS: list[click.Command] = [manage, serve, demo]
