"""Event extractors, one module per event family, each a pure function of one sentence.

Every extractor takes the immutable `context.Article` (text, publication date, quoted spans,
the language's `keywords.CueTable`) and one `context.Sentence` (offsets, its place and date
mentions), plus what it depends on as explicit arguments (`taken`: starts of dates claimed by
earlier extractors; `last_target`, `deadlines`, `agreement_day`: what earlier sentences said),
and returns `context.Candidate`s. `karabakh_map.ingest.classify.extract_events` runs them in
order and threads those values from one to the next.

- course: `course_dates`, `clashes`, `agreements`, `agreement_day` (the war's course, deals)
- territory: `targets`, `territory` (places changing hands)
- groups: `read_groups`, `find_cues` (a sentence's places, each group's cue and date)
- control: `handover`, `controller_after` (transfer, capture, scheduled handover of a place)
- deadlines: `postponement` (a handover's deadline moved)
- side: `people_events`, `peacekeeper_events`, `political_events`, `nearest_place`
"""
