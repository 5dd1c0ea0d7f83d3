"""Views of the applications app: the psychologist's pages (coordinators: coordination)."""
