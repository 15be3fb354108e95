"""Hypothesis settings for mutation runs (`make mutants` sets CREATIVEPOLES_HYPOTHESIS=mutants).

Under mutmut every surviving mutant reruns the tests that reach it, so a random example set would make a
mutant "killed" in one run and "survived" in the next, and a slow mutant would fail on Hypothesis' deadline
rather than on an assertion. The profile fixes the examples (derandomize) and drops the deadline; tests that
set their own max_examples keep it.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("mutants", derandomize=True, database=None, deadline=None, max_examples=50)

if os.environ.get("CREATIVEPOLES_HYPOTHESIS") == "mutants":
    settings.load_profile("mutants")
