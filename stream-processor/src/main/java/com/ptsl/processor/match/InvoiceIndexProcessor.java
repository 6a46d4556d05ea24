package com.ptsl.processor.match;

import com.ptsl.processor.match.LookupKeys.Kind;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Stage "invoice-index", on sl.invoices (key CpnyID/RefNbr): keeps the lookup index in step with each
 * invoice (its RefNbr, sales order and customer PO point at its customer) and hands the invoice to its
 * customer's matcher. The previous snapshot is kept so that keys the invoice no longer has are
 * deleted, and a matcher that held it under another customer is told to drop it.
 *
 * <p>Outputs are forwarded before the store is written: should a later stage throw and the record be
 * skipped by the exception handler, the store still describes what was last published.
 */
public final class InvoiceIndexProcessor implements Processor<String, SlInvoiceSnapshot, String, IndexOutcome> {

    private ProcessorContext<String, IndexOutcome> context;
    private KeyValueStore<String, SlInvoiceSnapshot> last;

    @Override
    public void init(ProcessorContext<String, IndexOutcome> context) {
        this.context = context;
        this.last = context.getStateStore(MatchStores.INVOICE_LAST);
    }

    @Override
    public void process(Record<String, SlInvoiceSnapshot> record) {
        String key = record.key();
        if (key == null) {
            return; // the feed always keys its records; a keyless one cannot be retracted later, so it is not indexed
        }
        SlInvoiceSnapshot before = last.get(key);
        SlInvoiceSnapshot after = record.value();
        Set<String> oldKeys = indexKeys(before);
        Set<String> newKeys = indexKeys(after);
        for (String gone : oldKeys) {
            if (!newKeys.contains(gone)) {
                context.forward(record.withKey(gone).withValue(new IndexOutcome.Entry(null)));
            }
        }
        for (String added : newKeys) {
            if (!oldKeys.contains(added)) {
                context.forward(record.withKey(added).withValue(new IndexOutcome.Entry(after.getCustId())));
            }
        }
        if (before != null && (after == null || !before.getCustId().equals(after.getCustId()))) {
            context.forward(record.withKey(before.getCustId()).withValue(new IndexOutcome.Route(new MatchInput.InvoiceRemoved(key))));
        }
        if (after != null) {
            context.forward(record.withKey(after.getCustId()).withValue(new IndexOutcome.Route(new MatchInput.InvoiceUpsert(after))));
            last.put(key, after);
        } else {
            last.delete(key);
        }
    }

    static Set<String> indexKeys(SlInvoiceSnapshot invoice) {
        Set<String> keys = new LinkedHashSet<>();
        if (invoice == null) {
            return keys;
        }
        String custId = invoice.getCustId();
        keys.add(LookupKeys.key(Kind.INVOICE, invoice.getRefNbr(), custId));
        if (!invoice.getOrdNbr().isBlank()) {
            keys.add(LookupKeys.key(Kind.ORDER, invoice.getOrdNbr(), custId));
        }
        if (!invoice.getCustOrdNbr().isBlank()) {
            keys.add(LookupKeys.key(Kind.ORDER, invoice.getCustOrdNbr(), custId));
        }
        return keys;
    }
}
