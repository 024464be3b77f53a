"""machina's forum_permission, with a permission checker fed from Cimaise roles."""
