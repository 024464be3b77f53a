"""AppConfig of machina's forum_tracking app with the auto field its migrations were written with."""
