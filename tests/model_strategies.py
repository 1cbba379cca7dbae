"""Hypothesis strategies for any model: every block and inline type, nested."""

from __future__ import annotations

from hypothesis import strategies as st

from convert import model as m

text = st.text(max_size=12)
inline = st.recursive(
    st.one_of(st.builds(m.Text, text), st.builds(m.Code, text), st.just(m.LineBreak())),
    lambda kids: st.one_of(
        st.builds(m.Emphasis, st.lists(kids, max_size=3).map(tuple)),
        st.builds(m.Strong, st.lists(kids, max_size=3).map(tuple)),
        st.builds(m.Link, st.lists(kids, max_size=3).map(tuple), text,
                  st.one_of(st.none(), text)),
    ),
    max_leaves=6,
)
inlines = st.lists(inline, max_size=4).map(tuple)
cells = st.lists(st.lists(st.builds(m.Cell, inlines), max_size=3).map(tuple), max_size=3)
leaf = st.one_of(
    st.builds(m.heading, text, st.integers(1, 6)),
    inlines.map(m.paragraph),
    st.builds(m.preformatted, text),
    st.just(m.rule()),
    st.builds(m.Figure, text, text, inlines),
    st.builds(m.Table, cells.map(tuple), cells.map(tuple)),
)
block = st.recursive(
    leaf,
    lambda kids: st.one_of(
        st.builds(m.Quote, st.lists(kids, max_size=3).map(tuple)),
        st.builds(m.ListBlock, st.lists(st.lists(kids, max_size=2).map(tuple), max_size=3)
                  .map(tuple), st.booleans(), st.integers(1, 99)),
    ),
    max_leaves=8,
)
blocks = st.lists(block, max_size=5).map(tuple)
