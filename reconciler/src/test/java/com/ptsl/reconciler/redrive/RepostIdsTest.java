package com.ptsl.reconciler.redrive;

import com.ptsl.reconciler.model.CommandType;
import com.ptsl.reconciler.model.LedgerRow;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The id a re-drive sends is a function of the original id and the ledger only, so repeating a re-drive repeats the id. */
class RepostIdsTest {

    private static LedgerRow row(String commandId, String status) {
        return LedgerRow.of("700001", commandId, CommandType.of(commandId), status, "C00001", "000101", "700001", 1L, false);
    }

    @Test
    void aCommandTheLedgerHasNoRowForIsSentAgainUnchanged() {
        assertThat(RepostIds.decide("PostPayment:700001", "700001", List.of()))
                .contains(new RepostIds.Decision("PostPayment:700001", true));
    }

    @Test
    void aCommandTheLedgerAppliedIsRepostedUnderItsFirstRepostId() {
        assertThat(RepostIds.decide("PostPayment:700001", "700001", List.of(row("PostPayment:700001", "APPLIED"))))
                .contains(new RepostIds.Decision("PostPayment:700001:repost-1", false));
    }

    @Test
    void eachAppliedRepostMovesTheNumberOn() {
        List<LedgerRow> ledger = List.of(row("PostPayment:700001", "APPLIED"), row("PostPayment:700001:repost-1", "APPLIED"),
                row("PostPayment:700001:repost-2", "APPLIED"), row("ReversePayment:700001:repost-1", "APPLIED"));
        assertThat(RepostIds.decide("PostPayment:700001", "700001", ledger)).contains(new RepostIds.Decision("PostPayment:700001:repost-3", false));
    }

    @Test
    void aRepostNotYetAppliedDoesNotCountSoASecondRedriveSendsTheSameId() {
        List<LedgerRow> unchanged = List.of(row("PostPayment:700001", "APPLIED"));
        assertThat(RepostIds.decide("PostPayment:700001", "700001", unchanged)).isEqualTo(RepostIds.decide("PostPayment:700001", "700001", unchanged));
        List<LedgerRow> refusedRepost = List.of(row("PostPayment:700001", "APPLIED"), row("PostPayment:700001:repost-1", "REJECTED"));
        assertThat(RepostIds.decide("PostPayment:700001", "700001", refusedRepost)).contains(new RepostIds.Decision("PostPayment:700001:repost-1", false));
    }

    @Test
    void aRejectedCommandIsLeftToTheDeadLetterQueue() {
        assertThat(RepostIds.decide("PostPayment:700001", "700001", List.of(row("PostPayment:700001", "REJECTED")))).isEmpty();
    }
}
