"""`python -m rashomon.cli`: the `rashomon` command, where its script is not on PATH."""

from rashomon.cli import main

raise SystemExit(main())
