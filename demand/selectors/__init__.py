"""Reads of the demand side that pages share: the published offer of each network."""
