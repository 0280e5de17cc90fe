"""Learn the division net from scratch (Levenberg–Marquardt), live in the page."""
