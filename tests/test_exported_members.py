import detente


def test_public_surface_is_pinned():
    assert sorted(detente.__all__) == sorted([
        "Coder", "CoderError", "ConfigError", "DetenteError", "DictionaryError", "DocResult", "Document", "Event",
        "IngestReport", "InputError", "ModelError", "Settings", "Skip", "TurningPoint", "code", "export",
        "ingest", "network", "read_paths", "relations", "turning_points", "__version__",
    ])
    for name in detente.__all__:
        assert hasattr(detente, name)
