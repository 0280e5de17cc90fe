"""The playground tab: a TensorFlow-Playground-class training lab (issue 8)."""
