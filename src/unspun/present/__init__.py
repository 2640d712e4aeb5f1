"""Presentation: the command line, reports, and (later) the web explorer."""
