"""The demand side's pages, one module per page family; access through demand.access."""
