"""Card "Learning rate and batch size": the same net trained three ways, side by side."""
