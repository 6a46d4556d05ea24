package com.ptsl.launcher.review;

import com.ptsl.launcher.kafka.KafkaTopicReader;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.SlCustomerSnapshot;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.util.List;

/** Reads the compacted SL topics into an {@link InvoiceCatalog}; only those a decision needs are read. */
final class InvoiceCatalogReader {

    private final KafkaTopicReader reader;

    InvoiceCatalogReader(KafkaTopicReader reader) {
        this.reader = reader;
    }

    InvoiceCatalog read(boolean invoices, boolean customers) {
        List<SlInvoiceSnapshot> open = invoices
                ? List.copyOf(reader.readLatest(Topics.SL_INVOICES).latest().values()) : List.of();
        List<SlCustomerSnapshot> known = customers
                ? List.copyOf(reader.readLatest(Topics.SL_CUSTOMERS).latest().values()) : List.of();
        return new InvoiceCatalog(open, known);
    }
}
