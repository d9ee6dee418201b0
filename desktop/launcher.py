"""The ``rooting-future`` entry point: no command opens the desktop app, a command runs headless.

``--self-test`` checks the installation (``desktop.selftest``); the frozen app
(``RootingFuture --self-test``) enters here too.

It lives on the desktop side because only the desktop may import Qt; the
headless commands never load it.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from engine import cli


def main(argv: Sequence[str] | None = None) -> None:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if "--self-test" in arguments:
        from desktop.selftest import run as self_test

        sys.exit(self_test(arguments))
    parsed, _unknown = cli.build_parser().parse_known_args(arguments)
    if parsed.command is None and not {"-h", "--help"} & set(arguments):
        from desktop.app import main as desktop_main

        sys.exit(desktop_main(home=parsed.home, language=parsed.language))
    sys.exit(cli.run(arguments))


if __name__ == "__main__":
    main()
