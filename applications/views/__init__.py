"""Views of the applications app, one module per audience (psychologist, coordinator)."""
