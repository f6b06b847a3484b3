"""Command-line interface: thin Typer commands over the other parts."""
