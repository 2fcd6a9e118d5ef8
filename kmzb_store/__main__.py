"""``python -m kmzb_store`` — the same command line as ``kmzb-store``."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
