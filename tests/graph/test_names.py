"""The index of every person's names, which incremental validation asks instead of reading
every name, and the keys it compares names by."""

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.graph import store as store_cache
from kg.graph.load import load_dataset
from kg.graph.names import NameIndex, match_key, plain_name_key, romanised_name_key, write_index
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


def test_romanised_key_is_the_one_the_romanisation_check_uses():
    assert romanised_name_key("Lee Il-gyu") == romanised_name_key("Ri Il-kyu")
