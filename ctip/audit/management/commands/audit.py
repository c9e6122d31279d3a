"""`ctip audit verify|checkpoint|reanchor`: check the keyed audit chain and keep its end outside
the database.

verify      walk the whole chain; name every edited, deleted, reordered or rewritten entry and
            compare the end with the head row and the last checkpoint; when all is well, write a
            new checkpoint (file + log line). Exit status 1 when the log was tampered with.
checkpoint  the quick check for a timer: head row, last entry and last checkpoint agree → write a
            checkpoint. Exit status 1 (and nothing written) otherwise.
reanchor    after a deleted head row was looked into: put the head back at the last entry and
            record that (with --reason) in the log itself.
"""

from django.core.management.base import BaseCommand, CommandError

from ctip.audit import chain, checkpoint
from ctip.audit.models import AuditEntry
from ctip.audit.services import MAX_LISTED, Problem, chain_end, head_problems, reanchor, verify


class Command(BaseCommand):
    help = (
        "Verify the keyed audit chain (exit status 1 when it was tampered with), write checkpoints."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify", "checkpoint", "reanchor"])
        parser.add_argument(
            "--checkpoint",
            dest="checkpoint_file",
            help="verify: compare with the last checkpoint in this file (e.g. one copied back "
            "from the log server) instead of the local checkpoint file",
        )
        parser.add_argument("--reason", default="", help="reanchor: why (kept in the log)")

    def handle(self, *args, action, checkpoint_file=None, reason="", **options):
        if action == "verify":
            self._verify(checkpoint_file)
        elif action == "checkpoint":
            self._checkpoint()
        else:
            if len(reason.strip()) < 5:
                raise CommandError("reanchor needs --reason (what was looked into)", returncode=2)
            entry = reanchor(reason=reason.strip())
            self.stdout.write(f"head put back at no. {entry.seq - 1}; recorded as no. {entry.seq}")

    def _fail(self, problems: list[Problem], what: str):
        for p in problems[:MAX_LISTED]:
            self.stderr.write(p.message)
        if len(problems) > MAX_LISTED:
            self.stderr.write(f"… and {len(problems) - MAX_LISTED} more")
        first = "; ".join(p.message for p in problems[:3])
        raise CommandError(f"{what}: {len(problems)} problem(s): {first}", returncode=1)

    def _verify(self, checkpoint_file):
        problems = verify(checkpoint_file=checkpoint_file)
        if problems:
            self._fail(problems, "audit log tampered (no checkpoint written)")
        values = checkpoint.write(chain_end())
        self.stdout.write(
            f"audit log intact: {values['count']} entries; checkpoint written to "
            f"{checkpoint.checkpoint_path()}"
        )

    def _checkpoint(self):
        key = chain.audit_key()
        end = chain_end()
        problems = head_problems(key, end) + checkpoint.checkpoint_problems(key, end)
        last = AuditEntry.objects.order_by("-seq").first()
        if last is not None and not chain.same(last.compute_hash(key), last.hash):
            problems.insert(0, Problem(last.id, f"the last entry (no. {last.seq}) was altered"))
        if problems:
            self._fail(problems, "not writing a checkpoint; run `ctip audit verify`")
        values = checkpoint.write(end)
        self.stdout.write(f"checkpoint written: {values['count']} entries, no. {values['seq']}")
