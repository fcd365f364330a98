"""Pure stages: article bytes in, funding facts out. No I/O, no Prefect."""
