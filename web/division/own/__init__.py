"""Your own activation (and derivative) per layer, with the derivative checked."""
