"""Imported by the fork server of the worker processes: jieba and the models are loaded there once, while
the build is still reading its inputs, and every worker forked from it starts with them loaded."""

from kg.pipeline import warm_up

warm_up()
