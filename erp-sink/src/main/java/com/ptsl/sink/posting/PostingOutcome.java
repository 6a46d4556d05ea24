package com.ptsl.sink.posting;

import com.ptsl.schemas.avro.ResultStatus;

import java.math.BigDecimal;
import java.util.List;

/**
 * What SlWriter did with one command: APPLIED (with where it went) or REJECTED (with why).
 *
 * @param batNbr           the batch the command's main document is in (the NS batch of a reversal, the payment's own batch of
 *                         a removal); null when rejected
 * @param refNbr           that document's RefNbr
 * @param documentsWritten ARDoc rows inserted (0 for ApplyPayment and for a removal)
 * @param event            what SL's books now show; {@link PostingEvent#REJECTED} when rejected
 * @param documents        every SL document the command created, changed or removed, as {@code DocType/RefNbr/BatNbr}
 *                         (ErpResult.documents), in the order written
 * @param amount           the amount that moved in SL (the payment, the reversed payment, the refund); null when rejected
 */
public record PostingOutcome(ResultStatus status, String reason, String batNbr, String refNbr, int documentsWritten,
                             PostingEvent event, List<String> documents, BigDecimal amount) {

    public PostingOutcome {
        documents = documents == null ? List.of() : List.copyOf(documents);
        if (event == null) {
            event = status == ResultStatus.APPLIED ? PostingEvent.POSTED : PostingEvent.REJECTED;
        }
    }

    /** The pre-v2 shape: event POSTED (or REJECTED), no document list, no amount. */
    public PostingOutcome(ResultStatus status, String reason, String batNbr, String refNbr, int documentsWritten) {
        this(status, reason, batNbr, refNbr, documentsWritten, null, List.of(), null);
    }

    /** The pre-v2 factory, kept for callers that only need batch and RefNbr: event POSTED. */
    public static PostingOutcome applied(String batNbr, String refNbr, String note, int documentsWritten) {
        return new PostingOutcome(ResultStatus.APPLIED, note, batNbr, refNbr, documentsWritten);
    }

    public static PostingOutcome applied(PostingEvent event, String batNbr, String refNbr, String note, int documentsWritten,
                                         List<String> documents, BigDecimal amount) {
        return new PostingOutcome(ResultStatus.APPLIED, note, batNbr, refNbr, documentsWritten, event, documents, amount);
    }

    public static PostingOutcome rejected(String reason) {
        return new PostingOutcome(ResultStatus.REJECTED, reason, null, null, 0, PostingEvent.REJECTED, List.of(), null);
    }

    /** One entry of {@link #documents()}: {@code DocType/RefNbr/BatNbr}, e.g. {@code PA/700001/000101}. */
    public static String document(String docType, String refNbr, String batNbr) {
        return docType + "/" + refNbr + "/" + batNbr;
    }

    public boolean isApplied() {
        return status == ResultStatus.APPLIED;
    }
}
