package com.ptsl.reconciler.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * What the reconciler keeps of one ErpCommand read from erp.commands: enough to compare it with SL (customer, amount,
 * invoice applications) and to find the record again for a re-drive (partition and offset), not the record itself.
 *
 * @param commandId     the id, or null when it is the canonical {@code <Type>:<tx>} (most are; saves a string each)
 * @param invoiceRefNbr invoices a PostPayment / ApplyPayment applies to, parallel to invoiceDocType and invoiceCents
 */
public record CommandRef(CommandType type, String commandId, String custId, int partition, long offset, long timestamp,
                         long amountCents, String[] invoiceRefNbr, String[] invoiceDocType, long[] invoiceCents) {

    private static final String[] NO_TEXT = new String[0];
    /** The invoice type of almost every application: one shared array instead of one per command. */
    private static final String[] ONE_INVOICE = {"IN"};
    private static final long[] NO_CENTS = new long[0];

    public CommandRef {
        invoiceRefNbr = invoiceRefNbr == null || invoiceRefNbr.length == 0 ? NO_TEXT : invoiceRefNbr;
        invoiceDocType = invoiceDocType == null || invoiceDocType.length == 0 ? NO_TEXT
                : invoiceDocType.length == 1 && "IN".equals(invoiceDocType[0]) ? ONE_INVOICE : invoiceDocType;
        invoiceCents = invoiceCents == null || invoiceCents.length == 0 ? NO_CENTS : invoiceCents;
        if (invoiceRefNbr.length != invoiceDocType.length || invoiceRefNbr.length != invoiceCents.length) {
            throw new IllegalArgumentException("application arrays differ in length");
        }
    }

    /** The command's id, given the transaction it belongs to. */
    public String commandId(String tx) {
        return commandId != null ? commandId : type.canonicalId(tx);
    }

    public int applications() {
        return invoiceRefNbr.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CommandRef c && type == c.type && Objects.equals(commandId, c.commandId)
                && partition == c.partition && offset == c.offset;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, commandId, partition, offset);
    }

    @Override
    public String toString() {
        return "CommandRef{" + type + " " + commandId + " " + custId + " @" + partition + ":" + offset + " " + Money.text(amountCents)
                + " " + Arrays.toString(invoiceRefNbr) + "}";
    }
}
