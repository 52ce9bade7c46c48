from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from audit.verify import CHUNK_SIZE, Head, read_checkpoint, verify


class Command(BaseCommand):
    help = (
        "Walk the audit trail's hash chain and name the first event that does not "
        "match; print the head (sequence:hash) when the whole chain holds."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--expect",
            metavar="SEQ:HASH",
            default=None,
            help="A head kept elsewhere (a backup, a report) that must still be "
            "in the chain: catches deletion of the newest events.",
        )
        parser.add_argument(
            "--against-checkpoint",
            action="store_true",
            help="Expect the head written to AUDIT_CHECKPOINT_PATH by the last "
            "verification.",
        )
        parser.add_argument(
            "--no-checkpoint",
            action="store_true",
            help="Do not write the head to the checkpoint file afterwards.",
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=CHUNK_SIZE,
            help="Events read per database round trip (memory stays flat).",
        )

    def handle(
        self, *args, expect, against_checkpoint, no_checkpoint, chunk_size, **options
    ):
        expected = None
        if expect:
            try:
                expected = Head.parse(expect)
            except ValueError as err:
                raise CommandError(str(err)) from err
        elif against_checkpoint:
            expected = read_checkpoint()
        result = verify(
            expect=expected, chunk_size=chunk_size, checkpoint=not no_checkpoint
        )
        if not result.ok:
            raise CommandError(
                f"Audit trail broken at event {result.first_bad_sequence}: "
                f"{result.message}"
            )
        head = result.head or "0:(empty)"
        self.stdout.write(
            f"Audit trail verified: {result.events_checked} events, head {head}"
        )
