"""Entry script for the frozen build: the same `main` as the `rotation-advisor` command."""

import sys

from desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
