package com.ptsl.reconciler.model;

/**
 * One integration document in SL's ARDoc (PA, NS, CM or DM), trimmed.
 *
 * @param amountCents OrigDocAmt, positive as SL stores it
 * @param docDay      DocDate as an epoch day
 * @param batchStatus Batch.Status of its AR batch ("" when SL has no such batch)
 */
public record SlDocument(String custId, String docType, String refNbr, String batNbr, long amountCents, int docDay,
                         boolean released, String batchStatus) {

    /** What the document does to cash: a PA brings it in, an NS reverses a PA, a refund's DM pays it out; a CM is AR only. */
    public long cashCents() {
        switch (docType) {
            case "PA":
                return amountCents;
            case "NS":
            case "DM":
                return -amountCents;
            default:
                return 0;
        }
    }

    /** "DocType/RefNbr/BatNbr", as ErpResult.documents and the report name a document. */
    public String label() {
        return docType + "/" + refNbr + "/" + batNbr;
    }
}
