"""``python -m diplograph``: the `diplograph` command."""

from diplograph.cli import app

app(prog_name="diplograph")
