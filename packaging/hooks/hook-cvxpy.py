# cvxpy imports its solver interfaces and the solvers themselves lazily, so PyInstaller's
# static analysis misses them; a frozen build without them reports "solver not installed".
from PyInstaller.utils.hooks import collect_submodules, copy_metadata

hiddenimports = collect_submodules("cvxpy", filter=lambda name: ".tests" not in name)
hiddenimports += ["clarabel", "scs", "osqp", "osqp.ext_builtin", "highspy"]
datas = copy_metadata("cvxpy")
