"""Pandera models and the controlled vocabularies."""
