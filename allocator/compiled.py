"""Re-solve a compiled DPP problem with Clarabel, without cvxpy's per-solve overhead.

cvxpy compiles a DPP problem once into a `ParamConeProg`: a sparse tensor that maps the
stacked Parameter values to the cone program's data (P, q, A, b). Its own `Problem.solve`
then re-applies that tensor on every call, builds several SciPy matrices, and unpacks the
solution through the reduction chain: for our 16-50 asset problems that costs about as
much as Clarabel's own solve. Here the tensor is applied with one sparse product per
block into a fixed sparsity pattern, the data go to a persistent Clarabel solver through
`update`, and the variables are read straight from the solution vector.

This leans on cvxpy internals (ParamConeProg, canonInterface, the Clarabel interface),
checked against cvxpy 1.9; `ClarabelProgram.compile` returns None when they do not fit,
and the caller then uses `Problem.solve`, which gives the same answer more slowly.
tests/test_allocator/test_compiled.py checks both paths agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import clarabel
import cvxpy as cp
import numpy as np
import scipy.sparse as sp
from cvxpy.cvxcore.python import canonInterface
from cvxpy.reductions.solvers.conic_solvers.clarabel_conif import CLARABEL, dims_to_solver_cones


@dataclass(frozen=True, slots=True)
class _Pattern:
    """A fixed CSC pattern; `take` selects the tensor rows that land in it, in order."""

    indices: np.ndarray
    indptr: np.ndarray
    shape: tuple[int, int]
    take: np.ndarray

    def matrix(self, values: np.ndarray) -> sp.csc_matrix:
        return sp.csc_matrix((values[self.take], self.indices, self.indptr), shape=self.shape)


class ClarabelProgram:
    """One compiled problem, re-solved by Clarabel from its current Parameter values."""

    def __init__(self, problem: cp.Problem) -> None:
        data, _, _ = problem.get_problem_data(cp.CLARABEL)
        prog = data[cp.settings.PARAM_PROB]
        prog.reduced_A.cache()
        prog.reduced_P.cache()
        self._prog = prog
        self._cones = dims_to_solver_cones(data["dims"])
        self._variables = [(v, prog.var_id_to_col[v.id]) for v in problem.variables()]
        n_x = prog.x.size
        indices, indptr, (m, _) = prog.reduced_A.problem_data_index
        # The last CSC column of the stuffed A is the offset b.
        split = indptr[-2]
        self._A = _Pattern(indices[:split], indptr[:-1], (m, n_x), np.arange(split))
        self._b_rows, self._b_take = indices[split:], np.arange(split, indptr[-1])
        self._P = _upper_triangle(*prog.reduced_P.problem_data_index)
        self._solver: clarabel.DefaultSolver | None = None
        self._options: dict | None = None

    @classmethod
    def compile(cls, problem: cp.Problem) -> ClarabelProgram | None:
        """The fast program, or None if this cvxpy's internals are not the expected ones."""
        try:
            return cls(problem)
        except (AttributeError, KeyError, TypeError, ValueError):
            return None

    def solve(self, options: dict) -> tuple[str, float]:
        """Solve at the Parameters' current values; set every variable's value on success.

        Returns (cvxpy status string, Clarabel's reported solve time in seconds).
        """
        P, q, A, b = self._data()
        if self._solver is None or options != self._options or not self._updated(P, q, A, b):
            settings = CLARABEL.parse_solver_opts(False, dict(options))
            self._solver = clarabel.DefaultSolver(P, q, A, b, self._cones, settings)
            self._options = dict(options)
        solution = self._solver.solve()
        status = CLARABEL.STATUS_MAP.get(str(solution.status), cp.SOLVER_ERROR)
        if status in (cp.OPTIMAL, cp.OPTIMAL_INACCURATE):
            x = np.asarray(solution.x)
            for var, col in self._variables:
                var.save_value(x[col : col + var.size].reshape(var.shape, order="F"))
        return status, float(solution.solve_time)

    def _updated(self, P, q, A, b) -> bool:
        if self._solver is None or not self._solver.is_data_update_allowed():
            return False
        self._solver.update(P=P, q=q, A=A, b=b)
        return True

    def _data(self) -> tuple[sp.csc_matrix, np.ndarray, sp.csc_matrix, np.ndarray]:
        """Clarabel's data: minimise ½x'Px + q'x subject to Ax + s = b, s in the cones."""
        prog = self._prog
        params = canonInterface.get_parameter_vector(
            prog.total_param_size,
            prog.param_id_to_col,
            prog.param_id_to_size,
            lambda pid: np.asarray(prog.id_to_param[pid].value),
        )
        q = np.asarray(prog.q @ params).ravel()[:-1]
        a_values = prog.reduced_A.reduced_mat @ params
        b = np.zeros(self._A.shape[0])
        b[self._b_rows] = a_values[self._b_take]
        # cvxpy stuffs the constraints as A x + b in the cone; Clarabel wants -A.
        A = self._A.matrix(-a_values)
        P = self._P.matrix(prog.reduced_P.reduced_mat @ params)
        return P, q, A, b


def _upper_triangle(indices: np.ndarray, indptr: np.ndarray, shape: tuple[int, int]) -> _Pattern:
    """Clarabel takes only the upper triangle of the symmetric P."""
    columns = np.repeat(np.arange(shape[1]), np.diff(indptr))
    keep = np.flatnonzero(indices <= columns)
    counts = np.bincount(columns[keep], minlength=shape[1])
    return _Pattern(indices[keep], np.concatenate([[0], np.cumsum(counts)]), shape, keep)
