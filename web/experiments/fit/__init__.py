"""Card "Watch a network learn": one hidden layer of up to 1,000 neurons fits a 1-D curve."""
