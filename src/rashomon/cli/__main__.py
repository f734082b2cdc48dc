"""`python -m rashomon.cli`: the `rashomon` command, where its script is not on PATH."""

from rashomon.cli import main

if __name__ == "__main__":  # importing this module (a docs or import check) runs nothing
    raise SystemExit(main())
