"""The graph tab."""
