"""Billing's services: the only code that issues invoices or marks registrations billed.

One module per family of actions:

* `runs`: a run of a network and period is started, asked for by staff, queued, and its
  ZIP of PDFs built;
* `execution`: a run is executed (or resumed) batch after batch; a failing psychologist
  never stops the others;
* `batches`: one batch of psychologists is invoiced in one transaction;
* `credit_notes`: a billed registration is reversed;
* `rates`: the hourly rate in force, and adding or removing a rate;
* `numbering`: the gapless invoice numbers of a network and year;
* `documents`: what every invoice and credit note shares (the carried minutes, the
  parties, the flags set on its registrations).

How a run stays idempotent (same network and period re-run, a task delivered twice, a
worker killed halfway and the task redelivered, two runs started at once) is told in the
module of each step: one run row per network and period (`runs`), a per-run lock and one
transaction per batch (`execution`, `batches`), database constraints as the last line
(`batches`). The arithmetic they apply is `billing.arithmetic`. Services enqueue tasks
by their registered name (`portal.queueing`) and never import `billing.tasks`, which
imports them.
"""
