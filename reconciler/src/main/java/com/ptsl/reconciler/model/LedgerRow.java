package com.ptsl.reconciler.model;

/**
 * One PTSL_CommandLedger row: what the sink decided for a commandId. Only what the comparison needs is kept, and the
 * id only when it is not the canonical {@code <Type>:<tx>} (a million rows would otherwise hold a million copies of
 * what the transaction id and the type already say).
 *
 * @param storedId    the ledger key when it is not {@code type.canonicalId(tx)} (a re-post, an odd id), else null
 * @param refNbr      the RefNbr the sink wrote; null when it is the transaction id
 * @param processedAt epoch millis
 * @param capped      the sink applied it with less invoice money than asked (its Reason starts "capped:")
 */
public record LedgerRow(String storedId, CommandType type, String status, String custId, String batNbr, String refNbr,
                        long processedAt, boolean capped) {

    /** A row as read: the id and RefNbr are kept only where they say more than the transaction id. */
    public static LedgerRow of(String tx, String commandId, CommandType type, String status, String custId, String batNbr,
                               String refNbr, long processedAt, boolean capped) {
        String stored = type != CommandType.OTHER && commandId.equals(type.canonicalId(tx)) ? null : commandId;
        return new LedgerRow(stored, type, status, custId, batNbr, tx.equals(refNbr) ? null : refNbr, processedAt, capped);
    }

    /** The ledger key, given the transaction the row belongs to. */
    public String commandId(String tx) {
        return storedId != null ? storedId : type.canonicalId(tx);
    }

    /** The RefNbr the sink wrote, given the transaction. */
    public String refNbr(String tx) {
        return refNbr != null ? refNbr : tx;
    }

    public boolean applied() {
        return "APPLIED".equals(status);
    }

    public boolean rejected() {
        return "REJECTED".equals(status);
    }
}
