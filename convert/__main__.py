"""`python -m convert`: the same command, whichever `convert` is on PATH."""

from convert.cli import program

if __name__ == "__main__":
    program()
