

def test_fsync_only_when_durable_is_asked(tmp_path, monkeypatch):
    import os as _os

    from polypact.model import Pact, Pacticipant
    from polypact.pactfile import read_pact, write_pact

    calls = []
    real = _os.fsync
    monkeypatch.setattr(_os, "fsync", lambda fd: calls.append(fd) or real(fd))
    pact = Pact(Pacticipant("c"), Pacticipant("p"))
    monkeypatch.delenv("POLYPACT_FSYNC", raising=False)
    write_pact(pact, tmp_path / "a.json")
    assert calls == []
    write_pact(pact, tmp_path / "b.json", durable=True)
    assert len(calls) == 2  # the file and its directory
    monkeypatch.setenv("POLYPACT_FSYNC", "1")
    write_pact(pact, tmp_path / "c.json")
    assert len(calls) == 4
    assert read_pact(tmp_path / "c.json").consumer.name == "c"
