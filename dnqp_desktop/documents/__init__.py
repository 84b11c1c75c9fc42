"""PDF production from plain data objects. Never imports Qt or the UI.

Entry points, for the CLI and the UI alike:

- ``source.build_document(library, agreement_id) -> model.AgreementDocument``: the one place that
  reads the library; everything else works on the frozen document.
- ``render.render_agreement(document, layout) -> bytes`` (pure: equal documents, equal bytes) and
  ``render.render_pdf`` (the same, with the page count and the fonts used);
  ``render.write_agreement_pdf(document, path, layout)`` writes atomically. All three raise
  ``DomainError`` before writing anything when the document cannot be printed correctly, and take
  optional ``progress(done, total, msgid)`` and ``cancelled()`` callbacks for a worker thread.
- ``fonts.discover()`` says which font serves each script (``dnqp check``).
- ``templates.template_for(kind).prefill(facts)``: the parts an editor starts a new document with.
"""
