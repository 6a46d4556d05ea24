package com.ptsl.launcher.review;

import java.util.List;

/**
 * What {@code ptsl review resolve} was asked, as typed: {@code apply} is null when {@code --apply} was not given,
 * else its INVOICE[:AMOUNT] entries; {@code customer} and {@code note} are null when not given.
 */
record ResolutionRequest(String transactionId, List<String> apply, boolean onAccount, String customer, boolean ignore, String note) {

    ResolutionRequest {
        apply = apply == null ? null : List.copyOf(apply);
    }

    static ResolutionRequest apply(String transactionId, String... invoices) {
        return new ResolutionRequest(transactionId, List.of(invoices), false, null, false, null);
    }

    static ResolutionRequest onAccount(String transactionId, String customer) {
        return new ResolutionRequest(transactionId, null, true, customer, false, null);
    }

    static ResolutionRequest ignore(String transactionId) {
        return new ResolutionRequest(transactionId, null, false, null, true, null);
    }

    ResolutionRequest withNote(String text) {
        return new ResolutionRequest(transactionId, apply, onAccount, customer, ignore, text);
    }
}
