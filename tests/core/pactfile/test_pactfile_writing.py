

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


def test_rewriting_the_same_content_leaves_the_file_untouched(tmp_path):
    import os as _os

    from polypact.model import HttpRequest, Pact, Pacticipant, SynchronousHttp
    from polypact.pactfile import read_pact, write_pact

    def pact_with(*descriptions):
        return Pact(Pacticipant("c"), Pacticipant("p"), interactions=[
            SynchronousHttp(description=d, request=HttpRequest(path="/" + d)) for d in descriptions])

    path = tmp_path / "c-p.json"
    write_pact(pact_with("a"), path)
    before = _os.stat(path)
    write_pact(pact_with("a"), path)  # identical interaction: same bytes, no new file
    after = _os.stat(path)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    write_pact(pact_with("b"), path)  # new interaction: merged and rewritten
    assert sorted(i.description for i in read_pact(path).interactions) == ["a", "b"]
    assert _os.stat(path).st_ino != before.st_ino


def test_merge_sees_a_file_changed_behind_its_back(tmp_path):
    from polypact.model import HttpRequest, Pact, Pacticipant, SynchronousHttp
    from polypact.pactfile import read_pact, write_pact

    path = tmp_path / "c-p.json"
    one = Pact(Pacticipant("c"), Pacticipant("p"),
               interactions=[SynchronousHttp(description="a", request=HttpRequest(path="/a"))])
    write_pact(one, path)
    write_pact(one, path)  # parse cached for these bytes
    other = Pact(Pacticipant("c"), Pacticipant("p"),
                 interactions=[SynchronousHttp(description="x", request=HttpRequest(path="/x"))])
    write_pact(other, path, merge=False)  # the file now holds only "x"
    write_pact(one, path)
    assert sorted(i.description for i in read_pact(path).interactions) == ["a", "x"]
