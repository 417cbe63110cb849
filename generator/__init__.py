"""startwise: recommend Django or Flask from a project's needs, and render it."""

__version__ = "0.1.0"
