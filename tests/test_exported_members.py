import bilateral


def test_all_exports_resolve():
    for name in bilateral.__all__:
        assert getattr(bilateral, name) is not None, name


def test_public_api_is_what_we_document():
    assert set(bilateral.__all__) == {
        "Actor", "BilateralError", "CodedDocument", "Coder", "Document", "Event", "LedgerFact", "Store",
        "__version__", "partners", "read_inputs", "relations",
    }
