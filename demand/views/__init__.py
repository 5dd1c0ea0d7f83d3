"""Pages of the demand side, one module per audience; access through demand.access."""
