"""``python -m mch_extract`` is the ``mch-extract`` command."""

from .entry import main

if __name__ == "__main__":
    main()
