"""benchmarks.throughput.alternating: a figure and its floor take turns in short windows,
and each is the median of its windows, so a change of the machine's speed during the
measurement moves both alike."""

from benchmarks.throughput import WINDOWS, alternating


def recorder(order: list[str], name: str, figures: list[float]):
    remaining = iter(figures)

    def window(seconds: float) -> dict:
        order.append(name)
        return {"requests_per_second": next(remaining), "requests": 10, "non_2xx": 1}

    return window


def test_the_figure_and_its_floor_take_turns():
    order: list[str] = []
    alternating(
        {"page": recorder(order, "page", [1] * 3), "floor": recorder(order, "floor", [1] * 3)}, 3
    )

    assert order == ["page", "floor"] * 3


def test_each_figure_is_the_median_of_its_windows():
    order: list[str] = []
    result = alternating({"page": recorder(order, "page", [50, 10, 30])}, 3)["page"]

    assert result["requests_per_second"] == 30
    assert result["windows_rps"] == [50, 10, 30]


def test_the_requests_and_the_failures_of_every_window_are_counted():
    order: list[str] = []
    result = alternating({"page": recorder(order, "page", [1] * 3)}, 3)["page"]

    assert (result["requests"], result["non_2xx"]) == (30, 3)


def test_a_long_measurement_has_at_most_the_set_number_of_windows():
    order: list[str] = []
    alternating({"page": recorder(order, "page", [1] * WINDOWS)}, 60)

    assert len(order) == WINDOWS
