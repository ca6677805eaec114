import bilateral


def test_all_exports_resolve():
    for name in bilateral.__all__:
        assert getattr(bilateral, name) is not None, name


def test_public_api_is_what_we_document():
    assert set(bilateral.__all__) == {
        "SCHEMA_VERSION", "Actor", "BilateralError", "CodedDocument", "Coder", "Document", "Event", "LedgerFact",
        "Store", "__version__", "code_into", "dyad_series", "events_frame", "export_file", "ledger_frame",
    "network", "open_store",
        "partners", "read_inputs", "relations", "resolve_country",
    }
