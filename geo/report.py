"""The old home of the HTML report, kept so that code written against it still runs: it is
:mod:`geo.render.report` now. New code imports from there."""

from .render.report import build_report

__all__ = ["build_report"]
