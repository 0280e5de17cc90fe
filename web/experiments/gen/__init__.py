"""Card "Generalisation": over- and underfitting, and what cures them."""
