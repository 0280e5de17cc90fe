"""The Experiments tab: the course's demos as one-click live experiments, one card each."""
