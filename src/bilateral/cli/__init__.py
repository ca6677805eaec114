"""The `bilateral` command line: thin commands over the library."""
