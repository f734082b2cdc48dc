"""Extraction commands: `rashomon entities STORY_ID`, `rashomon article ID --facts`."""

from __future__ import annotations

import argparse

from rashomon import api_extract
from rashomon.cli.args import record_id
from rashomon.cli.output import print_json, print_table


def register(sub: argparse._SubParsersAction) -> None:
    from rashomon.cli import add_db_option

    p = sub.add_parser(
        "entities",
        help="named entities of a story, linked across its articles and scripts",
        description="One line per entity: canonical name, label (PER/ORG/LOC/MISC), number "
        "of articles and mentions, and every surface form per language.",
    )
    p.add_argument("story_id", type=record_id, help="story id, as listed by `rashomon stories`")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(p)
    p.set_defaults(handler=cmd_entities)

    p = sub.add_parser("article", help="show one article, optionally with its extracted facts")
    p.add_argument("id", type=record_id, help="article id, as listed by `rashomon story`")
    p.add_argument("--facts", action="store_true",
                   help="add entities, dates, quantities and quotes with character offsets")
    p.add_argument("--json", action="store_true", help="print JSON")
    add_db_option(p)
    p.set_defaults(handler=cmd_article)


def cmd_entities(args: argparse.Namespace) -> int:
    from rashomon.cli import open_engine

    engine = open_engine(args)
    data = api_extract.story_entities(engine, args.story_id)
    if args.json:
        data["facts"] = api_extract.story_fact_groups(engine, args.story_id)["groups"]
        print_json(data)
        return 0
    rows = [
        [e["canonical"][:40], e["label"], str(len(e["articles"])), str(e["mentions"]),
         "; ".join(f"{lang}: {' | '.join(forms)}" for lang, forms in e["surface_forms"].items())]
        for e in data["entities"]
    ]
    print_table(rows, ["entity", "label", "articles", "mentions", "forms"])
    return 0


def cmd_article(args: argparse.Namespace) -> int:
    from rashomon.cli import open_engine

    engine = open_engine(args)
    data = api_extract.article_with_facts(engine, args.id, facts=args.facts)
    if args.json:
        print_json(data)
        return 0
    print(f"article {data['id']} [{data['language']}] {data['source_domain'] or '-'}: "
          f"{data['title']}")
    if not args.facts:
        print(data["maintext"])
        return 0
    facts = data["facts"]
    print("entities:")
    for m in facts["mentions"]:
        print(f"  {m['start']:>6}  {m['label']:<4} {m['text']}"
              + (f"  = {m['canonical']}" if m.get("canonical") else ""))
    print("dates:")
    for d in facts["dates"]:
        print(f"  {d['start']:>6}  {d['value']:<10} {d['granularity']:<5} {d['text']}")
    print("quantities:")
    for q in facts["quantities"]:
        extra = ", ".join(x for x in (q["unit"], q["counted_key"] or q["counted"], q["hedge"]) if x)
        print(f"  {q['start']:>6}  {q['value']:g}  {q['text']}" + (f"  ({extra})" if extra else ""))
    print("quotes:")
    for q in facts["quotes"]:
        who = q["speaker"] or "?"
        print(f"  {q['start']:>6}  {who}: {q['text'][:90]}")
    return 0


__all__ = ["print_table", "register"]
