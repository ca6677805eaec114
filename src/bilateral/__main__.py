"""`python -m bilateral` is the `bilateral` command."""

from bilateral.cli.main import main

main()
