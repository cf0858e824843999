"""The diplograph command line."""
