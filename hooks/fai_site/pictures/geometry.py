"""Geometry: vectors and rotations in centimetres, and the camera that puts a world point on the picture.

World axes: x to the right of the picture, z up (the floor is z = 0), depth toward the
reader; the front-above view looks down a little (`project`). A body's own frame has
F forward, N toward its near side and U up its spine.
"""

from __future__ import annotations

import math

Vec = tuple[float, float, float]
Matrix = tuple[Vec, Vec, Vec]

# ---- Vector helpers -----------------------------------------------------------------------

F: Vec = (1.0, 0.0, 0.0)  # body frame: forward
N: Vec = (0.0, 1.0, 0.0)  # toward the near side
U: Vec = (0.0, 0.0, 1.0)  # up the spine


def add(a: Vec, b: Vec) -> Vec:
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2])


def sub(a: Vec, b: Vec) -> Vec:
    return (a[0] - b[0], a[1] - b[1], a[2] - b[2])


def scale(a: Vec, k: float) -> Vec:
    return (a[0] * k, a[1] * k, a[2] * k)


def length(a: Vec) -> float:
    return math.sqrt(a[0] ** 2 + a[1] ** 2 + a[2] ** 2)


def apply(m: Matrix, v: Vec) -> Vec:
    return (
        m[0][0] * v[0] + m[0][1] * v[1] + m[0][2] * v[2],
        m[1][0] * v[0] + m[1][1] * v[1] + m[1][2] * v[2],
        m[2][0] * v[0] + m[2][1] * v[1] + m[2][2] * v[2],
    )


def matmul(a: Matrix, b: Matrix) -> Matrix:
    cols = [apply(a, (b[0][j], b[1][j], b[2][j])) for j in range(3)]
    return tuple(tuple(cols[j][i] for j in range(3)) for i in range(3))  # type: ignore[return-value]


def rotation(axis: Vec, degrees: float) -> Matrix:
    """Right-handed rotation about a unit axis (Rodrigues)."""
    t = math.radians(degrees)
    c, s, k = math.cos(t), math.sin(t), 1 - math.cos(t)
    x, y, z = axis
    return (
        (c + x * x * k, x * y * k - z * s, x * z * k + y * s),
        (y * x * k + z * s, c + y * y * k, y * z * k - x * s),
        (z * x * k - y * s, z * y * k + x * s, c + z * z * k),
    )


def chain(*matrices: Matrix) -> Matrix:
    result = matrices[0]
    for m in matrices[1:]:
        result = matmul(result, m)
    return result


# Orientation of the body in the world: columns are where F, N and U point.
X: Vec = (1.0, 0.0, 0.0)  # world: picture right
D: Vec = (0.0, 1.0, 0.0)  # world: toward the reader
Z: Vec = (0.0, 0.0, 1.0)  # world: up


def neg(v: Vec) -> Vec:
    return (-v[0], -v[1], -v[2])


def orientation(f: Vec, n: Vec, u: Vec) -> Matrix:
    return tuple((f[i], n[i], u[i]) for i in range(3))  # type: ignore[return-value]


def turned(p: Vec, azimuth: float) -> tuple[float, float]:
    """(across, toward the reader) for a camera stepped round by `azimuth` degrees: an oblique
    view, so the body's length stays level and only what points at the reader slants."""
    if not azimuth:
        return (p[0], p[1])
    return (p[0] - p[1] * math.sin(math.radians(azimuth)), p[1])


def project(p: Vec, elevation: float, azimuth: float = 0.0) -> tuple[float, float]:
    """World → picture plane for a camera raised by `elevation` degrees (0: level) and
    stepped round by `azimuth` degrees (0: square on)."""
    across, toward = turned(p, azimuth)
    if not elevation:
        return (across, p[2])
    e = math.radians(elevation)
    return (across, p[2] * math.cos(e) - toward * math.sin(e))
