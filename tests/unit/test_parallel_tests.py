"""make test's runner (tools/parallel_tests.py): files dealt so the workers finish together."""
from pathlib import Path

from tools import parallel_tests


def test_files_are_dealt_longest_first_to_the_least_loaded_worker():
    recorded = {"a.py": 100.0, "b.py": 60.0, "c.py": 50.0, "d.py": 10.0}
    groups = parallel_tests.deal([Path(name) for name in recorded], 2, recorded)
    assert sorted(groups) == [["a.py", "d.py"], ["b.py", "c.py"]]      # 110 s each


def test_the_seconds_of_each_file_are_summed_from_junit_reports(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "tests" / "unit").mkdir(parents=True)
    (tmp_path / "tests" / "unit" / "test_x.py").write_text("")
    report = tmp_path / "worker-1.xml"
    report.write_text('<testsuites><testsuite><testcase classname="tests.unit.test_x" name="a" time="1.5"/>'
                      '<testcase classname="tests.unit.test_x.TestGroup" name="b" time="0.5"/></testsuite>'
                      '</testsuites>')
    assert parallel_tests.file_seconds([report]) == {str(Path("tests/unit/test_x.py")): 2.0}


def test_what_follows_the_double_dash_goes_to_pytest_not_to_the_paths():
    assert parallel_tests.split_arguments(["--workers", "4", "tests/e2e", "--", "-m", "not slow"]) == (
        ["--workers", "4", "tests/e2e"], ["-m", "not slow"])
    assert parallel_tests.split_arguments(["tests"]) == (["tests"], [])
