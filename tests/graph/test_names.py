"""The index of every person's names, which incremental validation asks instead of reading
every name, and the keys it compares names by."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.graph import store as store_cache
from kg.graph.load import load_dataset
from kg.graph.names import (
    NameIndex,
    index_is_current,
    match_key,
    name_keys,
    names_match,
    plain_name_key,
    write_index,
)
from kg.graph.namespaces import NK

ARTICLE_DATA = Path(__file__).parents[1] / "fixtures" / "cli" / "data"

SEPARATORS = " \t-'\u2019\u2018\u02bc\u2010\u2011"


@given(
    st.text(alphabet=st.characters(categories=["L", "N"]), min_size=1, max_size=12),
    st.lists(st.tuples(st.integers(0, 12), st.sampled_from(SEPARATORS)), max_size=4),
    st.booleans(),
)
def test_names_the_shape_finds_equal_have_one_match_key(name, insertions, upper):
    """The match key may be coarser than the duplicate-name shape's key, never finer: a
    person the shape would report is always among the index's candidates."""
    other = name.upper() if upper else name
    for at, separator in insertions:
        other = other[:at] + separator + other[at:]
    if plain_name_key(other) == plain_name_key(name):
        assert match_key(other) == match_key(name)


def test_match_key_ignores_case_and_every_separator():
    assert match_key("Ri Il-kyu") == match_key("RI IL KYU") == match_key("Riil\u2019Kyu")
    assert match_key("Ri Il-kyu") != match_key("Ri Il-gyu")


def test_the_index_finds_persons_by_either_key(tmp_path):
    names = [
        ("<urn:p:ri>", "Ri Il-kyu"),
        ("<urn:p:ri>", "Ri Il Gyu"),
        ("<urn:p:thae>", "Thae Yong-ho"),
        ("<urn:p:kim>", "Kim Chol"),
    ]
    write_index(tmp_path / "names.sqlite", names)
    on_disk = NameIndex.open(tmp_path / "names.sqlite")
    in_memory = NameIndex.in_memory(names)
    for index in (on_disk, in_memory):
        assert index.persons_matching(["RI IL-KYU"]) == {"<urn:p:ri>"}  # the match key
        assert index.persons_matching(["Lee Il-gyu"]) == {"<urn:p:ri>"}  # the romanised key
        assert index.persons_matching(["Han Song-ryol", "kim chol"]) == {"<urn:p:kim>"}
        assert index.persons_matching([]) == set()
    on_disk.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["names.sqlite"]  # no staging left


def test_writing_an_index_that_fails_leaves_nothing(tmp_path):
    def broken():
        yield ("<urn:p:a>", "A")
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_index(tmp_path / "names.sqlite", broken())
    assert list(tmp_path.iterdir()) == []


@pytest.fixture
def data_copy(tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(ARTICLE_DATA, copy)
    return copy


def test_the_persisted_store_indexes_the_names_of_every_person_in_the_data(data_copy):
    index = store_cache.open_names_index(data_copy)
    rows = set(index.connection.execute("SELECT person, match_key FROM names"))
    dataset = load_dataset(data_copy)
    persons = set(dataset.query("SELECT DISTINCT ?p WHERE { ?p a nkd:Person }"))
    assert {person for person, _ in rows} == {f"<{p}>" for (p,) in persons}
    assert (f"<{NK['ri-il-kyu']}>", "riilkyu") in rows
    # Names of what is not a person (a mission, the author's organisation) are not indexed.
    assert not any("embassy" in person for person, _ in rows)


def test_a_missing_index_is_written_again_and_a_stale_one_goes_with_its_store(data_copy):
    store_cache.open_store(data_copy)
    old = store_cache.store_path(data_copy)
    index = store_cache.companion(old, store_cache.NAMES_INDEX)
    assert index.is_file()
    index.unlink()
    store_cache.open_names_index(data_copy).close()
    assert index.is_file()
    (data_copy / "extra.ttl").write_text(
        "@prefix nk: <https://w3id.org/nkdefectors/id/> .\n"
        "@prefix nkd: <https://w3id.org/nkdefectors/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        'nk:someone-new a nkd:Person ; skos:prefLabel "Someone New"@en .\n',
        encoding="utf-8",
    )
    new_index = store_cache.open_names_index(data_copy)
    assert not index.exists() and not old.exists()
    assert new_index.persons_matching(["someone new"]) == {f"<{NK['someone-new']}>"}


def test_an_index_written_with_other_keys_is_written_again(data_copy):
    store_cache.open_store(data_copy)
    index = store_cache.companion(store_cache.store_path(data_copy), store_cache.NAMES_INDEX)
    assert index_is_current(index)
    connection = sqlite3.connect(index)
    connection.execute("UPDATE version SET value = 'an older matcher'")
    connection.commit()
    connection.close()
    assert not index_is_current(index)
    reopened = store_cache.open_names_index(data_copy)
    assert index_is_current(index)
    assert reopened.persons_matching(["Lee Il-gyu"]) == {f"<{NK['ri-il-kyu']}>"}


# --- Romanisations: generated spellings of Korean names ---

# Family names in Hangul with spellings people write them in, in the South, the North and
# abroad: test data, from the corpus's sources, not from the matcher's tables.
FAMILY_SPELLINGS = {
    "김": ["Kim", "Gim"],
    "이": ["Lee", "Yi", "I", "Ri", "Rhee"],
    "리": ["Ri", "Lee", "Yi"],
    "박": ["Park", "Pak", "Bak"],
    "최": ["Choe", "Choi", "Chwe"],
    "정": ["Jeong", "Jung", "Chung", "Chong", "Jong", "Chŏng"],
    "조": ["Jo", "Cho"],
    "류": ["Ryu", "Yu", "Yoo"],
    "태": ["Thae", "Tae", "T'ae"],
    "현": ["Hyon", "Hyun", "Hyeon", "Hyŏn"],
    "강": ["Kang", "Gang"],
    "오": ["O", "Oh"],
    "안": ["An", "Ahn"],
    "손": ["Son", "Sohn"],
    "고": ["Ko", "Koh", "Go"],
    "로": ["Ro", "Roh", "No", "Noh"],
    "림": ["Rim", "Lim", "Im"],
    "량": ["Ryang", "Yang"],
    "황": ["Hwang"],
    "장": ["Jang", "Chang"],
}
# Syllables of given names, each with the spellings of the romanisations and of usage.
GIVEN_SPELLINGS = {
    "일": ["il"],
    "규": ["gyu", "kyu"],
    "영": ["yeong", "yong", "young", "yŏng"],
    "호": ["ho"],
    "성": ["seong", "song", "sung", "sŏng"],
    "길": ["gil", "kil"],
    "현": ["hyeon", "hyon", "hyun", "hyŏn"],
    "우": ["u", "woo"],
    "룡": ["ryong", "ryong"],
    "해": ["hae"],
    "철": ["cheol", "chol", "chul", "ch'ŏl"],
    "남": ["nam"],
    "수": ["su", "soo"],
    "선": ["seon", "son", "sŏn"],
    "권": ["gwon", "kwon", "kwŏn"],
    "희": ["hui", "hŭi", "hee"],
    "주": ["ju", "chu", "joo"],
    "봉": ["bong", "pong"],
    "설": ["seol", "sol", "sŏl"],
    "은": ["eun", "un", "ŭn"],
    "혁": ["hyeok", "hyok", "hyuk"],
    "진": ["jin", "chin"],
    "택": ["taek", "thaek", "t'aek"],
    "엽": ["yeop", "yop", "yŏp"],
    "복": ["bok", "pok"],
}
korean_names = st.tuples(
    st.sampled_from(sorted(FAMILY_SPELLINGS)),
    st.lists(st.sampled_from(sorted(GIVEN_SPELLINGS)), min_size=1, max_size=2),
)


def _ambiguous_when_joined(syllables: list[str]) -> bool:
    """Whether the syllables run together read as others: "son" + "gwon" is "songwon", and
    "woo" + "u" is "woou" (where a vowel meets a vowel, writers of Korean names hyphenate)."""
    vowels = "aeiouŏŭ"
    return any(
        (a.endswith("n") and b.startswith("g")) or (a[-1] in vowels and b[0] in vowels)
        for a, b in zip(syllables, syllables[1:], strict=False)
    )


@st.composite
def written(draw, name):
    """A romanised spelling of a name given as (family, given syllables) in Hangul: any of the
    spellings of each part, the given name's syllables joined by a hyphen, a space or nothing,
    the family name first or last, in any case."""
    family, given = name
    surname = draw(st.sampled_from(FAMILY_SPELLINGS[family]))
    syllables = [draw(st.sampled_from(GIVEN_SPELLINGS[s])) for s in given]
    separators = ["-", " "] + ([""] if not _ambiguous_when_joined(syllables) else [])
    separator = draw(st.sampled_from(separators))
    if separator == " ":
        given_name = " ".join(s.capitalize() for s in syllables)
    else:
        given_name = separator.join([syllables[0].capitalize(), *syllables[1:]])
    family_last = draw(st.booleans())
    text = f"{given_name} {surname}" if family_last else f"{surname} {given_name}"
    return draw(st.sampled_from([text, text.upper(), text.lower()]))


@given(st.data(), korean_names)
def test_every_romanisation_of_a_hangul_name_matches_it(data, name):
    family, given = name
    hangul = family + "".join(given)
    spelling = data.draw(written(name))
    assert names_match(spelling, hangul), (spelling, hangul, name_keys(spelling), name_keys(hangul))


@given(st.data(), st.lists(korean_names, min_size=1, max_size=6), korean_names)
def test_the_index_never_misses_a_person_the_matcher_accepts(data, names, query):
    """The index's keys are coarse enough for the romanisation check: every person the check
    would find for a new name is among the candidates the index gives for it."""
    people = [
        (
            f"<urn:p:{i}>",
            data.draw(written(name)) if data.draw(st.booleans()) else name[0] + "".join(name[1]),
        )
        for i, name in enumerate(names)
    ]
    asked = data.draw(written(query))
    candidates = NameIndex.in_memory(people).persons_matching([asked])
    for person, name in people:
        if names_match(asked, name) or plain_name_key(asked) == plain_name_key(name):
            assert person in candidates, (asked, name)
