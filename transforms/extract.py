"""The extraction engine: an Article to its funding facts (FACTS.md).

sentences -> per-sentence deals (relations: money, names, dates, round words, roles)
-> document resolution and merge (document). Deterministic, pure.
"""

from __future__ import annotations

from fundwire.transforms.document import deal_facts, merge_facts, resolve
from fundwire.transforms.hanzi import compile_folded
from fundwire.transforms.records import Article, Fact
from fundwire.transforms.relations import read_sentence
from fundwire.transforms.sentences import split_sentences

_YEN_CONTEXT = compile_folded(r"\byen\b|日元|日圓|円|\bJapan")
_YUAN_CONTEXT = compile_folded(r"\byuan\b|\bRMB\b|人民币|人民幣|\bCNY\b")


def extract_facts(article: Article) -> list[Fact]:
    """Every funding fact of an article, each deal once, with its evidence sentence."""
    yen_or_yuan = _yen_or_yuan(article.text)
    sentences = split_sentences(article.text, article.title)
    deals = [d for s in sentences for d in read_sentence(s, article.published, yen_or_yuan)]
    resolved = resolve(deals, sentences, article.published)
    facts = [fact for deal in resolved for fact in deal_facts(deal)]
    return merge_facts(facts)


def _yen_or_yuan(text: str) -> str:
    """What a bare ¥ means in this article: yen when it speaks of yen and not of yuan."""
    if _YEN_CONTEXT.search(text) and not _YUAN_CONTEXT.search(text):
        return "JPY"
    return "CNY"
