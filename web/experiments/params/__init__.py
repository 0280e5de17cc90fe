"""Card "Parameter counter": inputs × units + units per layer, checked against pycore."""
