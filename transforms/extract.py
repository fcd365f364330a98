"""Placeholder until the extraction engine lands."""

from fundwire.transforms.records import Article, Fact


def extract_facts(article: Article) -> list[Fact]:
    return []
