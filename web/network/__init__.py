"""The network tab."""
