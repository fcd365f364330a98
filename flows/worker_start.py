"""Imported by the fork server of the extraction workers (`flows.workers`), never by hand.

Importing it loads the batch code and warms it (`flows.batch.warm_up`), so that every
worker process forked from the server starts with Pandera's schemas built and the
extractor's tables loaded, instead of paying ~1 s for them in its first batch.
"""

from fundwire.flows.batch import warm_up

warm_up()
