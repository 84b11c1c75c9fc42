"""The agreement editor: bilingual parts in aligned rows, preview and print, final and signed copies."""
