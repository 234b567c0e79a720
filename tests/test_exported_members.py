import detente


def test_public_surface_is_pinned():
    assert sorted(detente.__all__) == sorted([
        "Coder", "ConfigError", "DetenteError", "DictionaryError", "DocResult", "Document", "Event",
        "InputError", "ModelError", "Settings", "Skip", "code", "read_paths", "__version__",
    ])
    for name in detente.__all__:
        assert hasattr(detente, name)
