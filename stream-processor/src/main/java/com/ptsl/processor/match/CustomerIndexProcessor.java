package com.ptsl.processor.match;

import com.ptsl.processor.match.LookupKeys.Kind;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Stage "customer-index", on sl.customers (key CustId): the customer's CustId and its PayTrace vault id
 * point at it in the lookup index. As for invoices, keys the customer no longer has are deleted.
 */
public final class CustomerIndexProcessor implements Processor<String, SlCustomerSnapshot, String, IndexOutcome> {

    private ProcessorContext<String, IndexOutcome> context;
    private KeyValueStore<String, SlCustomerSnapshot> last;

    @Override
    public void init(ProcessorContext<String, IndexOutcome> context) {
        this.context = context;
        this.last = context.getStateStore(MatchStores.CUSTOMER_LAST);
    }

    @Override
    public void process(Record<String, SlCustomerSnapshot> record) {
        String key = record.key();
        if (key == null) {
            return;
        }
        SlCustomerSnapshot before = last.get(key);
        SlCustomerSnapshot after = record.value();
        Set<String> oldKeys = indexKeys(before);
        Set<String> newKeys = indexKeys(after);
        oldKeys.stream().filter(k -> !newKeys.contains(k))
                .forEach(k -> context.forward(record.withKey(k).withValue(new IndexOutcome.Entry(null))));
        newKeys.stream().filter(k -> !oldKeys.contains(k))
                .forEach(k -> context.forward(record.withKey(k).withValue(new IndexOutcome.Entry(after.getCustId()))));
        if (after != null) {
            last.put(key, after);
        } else {
            last.delete(key);
        }
    }

    static Set<String> indexKeys(SlCustomerSnapshot customer) {
        Set<String> keys = new LinkedHashSet<>();
        if (customer == null) {
            return keys;
        }
        keys.add(LookupKeys.key(Kind.CUSTOMER, customer.getCustId(), customer.getCustId()));
        String vault = customer.getPayTraceCustomerId();
        if (vault != null && !vault.isBlank()) {
            keys.add(LookupKeys.key(Kind.VAULT, vault, customer.getCustId()));
        }
        return keys;
    }
}
