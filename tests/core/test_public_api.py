import hromada.core as core


def test_it_exports_exactly_the_public_api() -> None:
    public = {name for name in vars(core) if not name.startswith("_")}
    assert core.__all__ == sorted(core.__all__)
    assert set(core.__all__) == public


def test_input_error_keeps_where_the_problem_is() -> None:
    error = core.InputError("not_a_number", "must be a number", column="api00", row=3)
    assert (error.code, error.column, error.row) == ("not_a_number", "api00", 3)
    assert str(error) == "must be a number"
    assert isinstance(error, ValueError)
