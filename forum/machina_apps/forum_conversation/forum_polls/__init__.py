"""AppConfig of machina's forum_polls app with the auto field its migrations were written with."""
