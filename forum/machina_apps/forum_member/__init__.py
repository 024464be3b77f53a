"""AppConfig of machina's forum_member app with the auto field its migrations were written with."""
