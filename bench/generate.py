"""Runs every scenario's generate(ctx) in a Django process; prints the shared state as JSON."""

import argparse
import json
import os
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", required=True)
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from bench.scenarios import Context, modules

    ctx = Context.for_scale(args.scale, args.db)
    for module in modules():
        generate = getattr(module, "generate", None)
        if generate:
            print(f"generating {module.__name__}", file=sys.stderr, flush=True)
            generate(ctx)
    print(json.dumps(ctx.state))
    return 0


if __name__ == "__main__":
    sys.exit(main())
