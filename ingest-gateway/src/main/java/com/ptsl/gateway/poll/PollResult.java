package com.ptsl.gateway.poll;

import java.time.LocalDate;
import java.util.List;

/**
 * What one successful poll did.
 *
 * @param from                     first merchant-local day of the exported window
 * @param to                       last day (today in the merchant's zone)
 * @param seen                     records PayTrace returned
 * @param published                records acknowledged on the raw topic
 * @param unchanged                records skipped because the checkpoint already had their fingerprint
 * @param invalid                  records acknowledged on the invalid topic (no usable transaction_id)
 * @param pansScrubbed             card numbers masked in the published and invalid records
 * @param publishedTransactionIds  ids of the published records, in export order
 */
public record PollResult(LocalDate from, LocalDate to, int seen, int published, int unchanged, int invalid,
                         int pansScrubbed, List<String> publishedTransactionIds) {

    public PollResult {
        publishedTransactionIds = List.copyOf(publishedTransactionIds);
    }
}
