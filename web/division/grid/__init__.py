"""Grid search over optimizers, batch sizes, learning rates and epochs (the Talos run)."""
