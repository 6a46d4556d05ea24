package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.ResultStatus;

/** What SlWriter did with one command: APPLIED (with where it went) or REJECTED (with why). */
public record PostingOutcome(ResultStatus status, String reason, String batNbr, String refNbr, int documentsWritten) {

    public static PostingOutcome applied(String batNbr, String refNbr, String note, int documentsWritten) {
        return new PostingOutcome(ResultStatus.APPLIED, note, batNbr, refNbr, documentsWritten);
    }

    public static PostingOutcome rejected(String reason) {
        return new PostingOutcome(ResultStatus.REJECTED, reason, null, null, 0);
    }

    public boolean isApplied() {
        return status == ResultStatus.APPLIED;
    }
}
