"""Tests of core/: unit, oracle and property tests of each capability and of the figure builders."""
