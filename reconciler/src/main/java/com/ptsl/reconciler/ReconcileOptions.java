package com.ptsl.reconciler;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.function.Consumer;

/**
 * Everything one reconciliation needs.
 *
 * @param bootstrapServers Kafka to read the event log from (and to re-drive to)
 * @param slJdbcUrl        the SL database, read only
 * @param from             the window's start (inclusive), in the merchant's zone
 * @param to               the window's end (exclusive)
 * @param program          the sink's program id (SL_PROG): marks the integration's SL batches and documents
 * @param redrive          whether to send each missing posting to erp.commands again
 * @param progress         one line at a time, for a person watching a long window
 */
public record ReconcileOptions(String bootstrapServers, String slJdbcUrl, String slUser, String slPassword,
                               ZonedDateTime from, ZonedDateTime to, ZoneId zone, String program, boolean redrive,
                               Consumer<String> progress) {
}
