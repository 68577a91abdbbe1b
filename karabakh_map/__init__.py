"""karabakh-map: the event store, article ingest and command line of the project."""
