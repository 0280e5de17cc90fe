"""Card "Optimizers on a loss surface": pycore's update rules on two parameters."""
