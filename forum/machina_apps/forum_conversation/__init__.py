"""AppConfig of machina's forum_conversation app with the auto field its migrations were written with."""
