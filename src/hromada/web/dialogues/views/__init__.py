"""The dialogue pages, one module per part: sessions, statements, paper and
imports, analysis, outcomes, restorative circles, and the participants' page."""
