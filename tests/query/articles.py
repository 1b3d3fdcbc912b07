"""Small hand-made articles to add to the seed graph in tests."""

from __future__ import annotations

from kg.model import Article, Entity, Extraction, Fact, Mention
from kg.rdf.vocab import entity_iri


def position_article(
    article_id: str, company: str, person: str, title: str, ticker: str | None = None, **qualifiers
) -> Extraction:
    """A one-sentence article saying that `person` is `title` of `company`."""
    text = f"{company}{title}{person}表示，公司经营正常。"
    article = Article(article_id, f"{article_id}.txt", text, published="2023-01-05T10:00:00+08:00")
    org = Entity(str(entity_iri("Company", ticker or company)), "Company", company, [], ticker)
    who = Entity(str(entity_iri("Person", f"{person}@{org.id}")), "Person", person)
    p_start = len(company) + len(title)
    subj = Mention(p_start, p_start + len(person), person, "Person", "hand", 0.9, None, who.id)
    obj = Mention(0, len(company), company, "Company", "hand", 0.9, ticker, org.id)
    sentence = (0, text.index("，") + 1)
    fact = Fact("holds_position", subj, obj, sentence, "hand", 0.9, {"position": title, **qualifiers})
    return Extraction(article, [subj, obj], {org.id: org, who.id: who}, [fact])
