package com.ptsl.sandbox.sl.release;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of releasing one AR batch (pp_08400 emulation).
 *
 * @param batNbr   the batch
 * @param released true when the batch is now released (Status 'U', or 'C' without GL lines)
 * @param status   Batch.Status afterwards: 'U'/'C' when released, 'S' after a refusal, or unchanged when the
 *                 batch was not in a releasable status at all
 * @param messages why it was refused (empty when released)
 * @param counts   what was written (all zero when refused)
 */
public record ReleaseResult(String batNbr, boolean released, String status, List<ReleaseMessage> messages, ReleaseCounts counts) {

    public ReleaseResult {
        Objects.requireNonNull(batNbr, "batNbr");
        Objects.requireNonNull(status, "status");
        messages = List.copyOf(messages);
        Objects.requireNonNull(counts, "counts");
    }

    static ReleaseResult released(String batNbr, String status, ReleaseCounts counts) {
        return new ReleaseResult(batNbr, true, status, List.of(), counts);
    }

    static ReleaseResult refused(String batNbr, String status, List<ReleaseMessage> messages) {
        return new ReleaseResult(batNbr, false, status, messages, ReleaseCounts.NONE);
    }

    /** The message numbers, e.g. [12123], for assertions and logs. */
    public List<Integer> messageNumbers() {
        return messages.stream().map(ReleaseMessage::number).toList();
    }
}
