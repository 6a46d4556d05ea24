package com.ptsl.reconciler.log;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Takes the records of one topic in offset order per partition, as {@link WindowReader} reads them. */
@FunctionalInterface
public interface RecordHandler {

    void handle(ConsumerRecord<byte[], byte[]> record);
}
