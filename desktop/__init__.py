"""Rotation Advisor: the application around the pure `signals` and `allocator` packages."""

from importlib.metadata import PackageNotFoundError, version

APP_NAME = "Rotation Advisor"
APP_ID = "rotation-advisor"
ORG_NAME = "RotationAdvisor"

try:
    __version__ = version("rotation-advisor")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
