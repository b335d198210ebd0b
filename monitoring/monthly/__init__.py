"""Monthly concern and action figures, materialised, and how they stay correct.

Why: at a million concerns a council dashboard read half a million concern rows per table (with
a correlated subquery per row for the first action) and took 40 s; the public page 28 s. The
concern figures are all sums over a council's months, or percentiles of durations, so two small
tables hold them (``monitoring.models``):

- ``ConcernMonth``: per council, month (in the council's time zone), category, channel and
  settlement: received, duplicates, rejected, resolved, triaged in time, told, reopened.
- ``ConcernDuration``: per council, month and breakdown (all, category, channel, settlement), how
  many concerns took each number of minutes to triage, to a first action, to resolution: a
  histogram from which a median or 90th percentile is read exactly as ``percentile_cont`` reads
  the durations themselves (to the minute; the pages show tenths of days).

- ``ActionMonth``: follow-up actions per council, month of creation, responsible unit or body,
  status, due day (by the month once it no longer matters) and sensitivity: the action tables
  joined each of 300 000 actions to its concern for its sensitivity (0.5-1.2 s a table).

Meetings, decisions, members and attendance are read from their own tables: measurement showed
them a few milliseconds each, one query per table.

How they stay correct:

1. Every (council, month) is rebuilt whole from the concerns, their events and their actions by
   one function (``build.refresh``): the same code fills them (``manage.py
   rebuild_monitoring_figures``, the bench), repairs them and updates them. Rebuilding a key
   twice gives the same rows, so a refresh may run any number of times.
2. Saving or deleting a concern, an event, an action or a progress update marks its concern's
   (council, month) and its actions' (the old ones too when a concern moves council;
   ``tracking``): a reopen, a recategorisation, a move of settlement, a deletion. The marked
   keys are refreshed once per transaction, after it commits, by a Celery task
   (``monitoring.tasks.refresh_monthly_figures``: a busy month of 28 000 concerns takes 2 s to
   add up again), under a lock on the council row (two refreshes of a council never
   interleave). The dashboards are seconds behind a write. A change of a category's
   sensitivity or of a time zone rebuilds the councils it touches.
3. Writes that bypass ``save()`` (``QuerySet.update``, raw SQL), a refresh that failed or could
   not be queued (the broker down) are caught by
   the nightly task (``monitoring.tasks.check_monthly_figures``): it recomputes every key,
   compares, logs the keys that drifted and repairs them.
4. A figure is read from these tables only for periods of whole months in the time zone the
   rows were built in (``read.monthly_rows``); any other period (a custom span of days, a
   national view across time zones) is computed from the concerns directly, as before. The
   triage target (N days) is applied at build time: changing it calls for a rebuild, which
   the nightly check does by itself.
"""
