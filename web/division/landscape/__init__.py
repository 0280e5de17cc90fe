"""Why gradient descent fails: the loss landscape, the paths on it, the measured reasons."""
