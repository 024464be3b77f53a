"""Machina applications overridden through machina's documented app-overriding mechanism."""
