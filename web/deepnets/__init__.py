"""The deep-nets tab: activation and gradient statistics layer by layer (pycore.diagnostics)."""
