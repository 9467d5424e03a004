"""Entry script for the frozen build: the same `main` as the `rotation-advisor` command."""

import multiprocessing
import sys

from desktop.app import main

if __name__ == "__main__":
    # The engine's process (desktop.engine.process) is this executable started again:
    # freeze_support runs it instead of main().
    multiprocessing.freeze_support()
    sys.exit(main())
