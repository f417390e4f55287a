"""`python -m notice`: the same as the `notice` command."""

from notice.cli import main

main()
