"""The activations tab."""
