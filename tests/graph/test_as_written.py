"""The literals the persisted store keeps in another form than the files write them."""

import pyoxigraph as ox

from kg.graph.as_written import WrittenForms, changed_literals, write_forms

XSD = "http://www.w3.org/2001/XMLSchema#"
A, B = ox.NamedNode("urn:a"), ox.NamedNode("urn:b")


def quad(value: str, datatype: str) -> ox.Quad:
    return ox.Quad(A, B, ox.Literal(value, datatype=ox.NamedNode(XSD + datatype)))


def test_only_literals_the_store_changes_are_kept():
    kept = list(changed_literals([quad("2", "positiveInteger"), quad("3", "integer")]))
    assert kept == [("<urn:a>", "<urn:b>", f'"2"^^<{XSD}integer>', f'"2"^^<{XSD}positiveInteger>')]


def test_a_stored_form_written_as_such_too_is_kept_beside_the_other():
    kept = list(changed_literals([quad("1.0", "decimal"), quad("1", "decimal")]))
    assert [written for *_, written in kept] == [f'"1"^^<{XSD}decimal>', f'"1.0"^^<{XSD}decimal>']


def test_the_index_gives_back_the_written_forms(tmp_path):
    path = tmp_path / "forms.sqlite"
    write_forms(path, [quad("2", "positiveInteger"), quad("x", "string")])
    forms = WrittenForms(path)
    assert forms.written("<urn:a>", "<urn:b>", f'"2"^^<{XSD}integer>') == [
        f'"2"^^<{XSD}positiveInteger>'
    ]
    assert forms.written("<urn:a>", "<urn:b>", f'"3"^^<{XSD}integer>') == []
