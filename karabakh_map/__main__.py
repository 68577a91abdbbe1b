"""`python -m karabakh_map ...`: the same command line as the `karabakh-map` script."""

from karabakh_map.cli import main

if __name__ == "__main__":
    main(prog_name="karabakh-map")
