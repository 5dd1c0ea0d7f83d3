"""Load generator and benchmarks of the Art. 8 portal (`make bench`, `make bench-smoke`)."""
