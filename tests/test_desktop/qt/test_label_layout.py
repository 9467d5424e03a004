"""Point labels placed so that none covers another label, another point or an obstacle."""

from desktop.qt.widgets.label_layout import Box, place_labels


def test_a_label_alone_sits_right_of_its_point_centred():
    (box,) = place_labels([(100.0, 50.0)], [(30.0, 16.0)], gap=7.0)
    assert box == Box(107.0, 42.0, 30.0, 16.0)


def test_labels_of_points_on_top_of_each_other_are_all_separate():
    points = [(100.0 + i, 100.0 + 0.5 * i) for i in range(10)]
    boxes = place_labels(points, [(40.0, 16.0)] * 10)
    assert all(not a.overlaps(b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_labels_keep_off_other_points_and_obstacles():
    legend = Box(100.0, 0.0, 200.0, 60.0)
    points = [(100.0, 40.0), (140.0, 100.0)]
    boxes = place_labels(points, [(40.0, 16.0), (40.0, 16.0)], dot=6.0, obstacles=[legend])
    assert not boxes[0].overlaps(legend)
    assert not boxes[0].overlaps(Box(134.0, 94.0, 12.0, 12.0))  # the other point's dot
