package com.ptsl.gateway.push;

/**
 * Told of every record the push receivers got committed on the raw topic, so the poller's checkpoint takes it and
 * the next window export skips it as unchanged instead of publishing it a second time. Must be cheap and must not
 * block: it is called on the push writer's thread.
 */
@FunctionalInterface
public interface PublishedElsewhere {

    PublishedElsewhere NONE = (transactionId, fingerprint, open) -> { };

    /** {@code open}: the record is not terminal (pending settlement, authorization only, unknown status). */
    void acknowledged(String transactionId, String fingerprint, boolean open);
}
