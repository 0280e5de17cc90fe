"""Keep up to four models and compare them side by side."""
