"""AppConfig of machina's forum app with the auto field its migrations were written with."""
