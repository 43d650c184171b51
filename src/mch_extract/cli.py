"""Placeholder until the full CLI lands."""

import sys


def main() -> None:
    from .pipeline import extract_record

    for path in sys.argv[1:]:
        rec = extract_record(path)
        print(rec.model_dump_json(indent=2))
