"""``python -m kg``: the same command as the ``kg`` console script."""

from kg.cli import main

main()
