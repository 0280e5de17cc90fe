"""The division tab."""
