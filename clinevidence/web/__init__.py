"""The web app: server-rendered HTML pages and the JSON API over one library."""
