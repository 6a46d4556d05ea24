package com.ptsl.processor.route;

import com.ptsl.processor.match.ResolveInput;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.ReviewItem;

/** What the route stage emits; the record's key is set by the stage to match (see each case). */
public sealed interface Routed {

    /** To the resolve stage, keyed by the record's own transaction id (the task that already holds it). */
    record ToResolve(ResolveInput input) implements Routed {
    }

    /** To the resolve stage through refunds-by-original, keyed by the original transaction's id. */
    record ToOriginal(ResolveInput input) implements Routed {
    }

    /** A NOT_POSTED result for erp.results, keyed by its commandId. */
    record Status(ErpResult result) implements Routed {
    }

    /** A review item, keyed by transaction id. */
    record Review(ReviewItem item) implements Routed {
    }

    default boolean toResolve() {
        return this instanceof ToResolve;
    }

    default boolean toOriginal() {
        return this instanceof ToOriginal;
    }

    default boolean status() {
        return this instanceof Status;
    }

    default ResolveInput input() {
        return this instanceof ToResolve r ? r.input() : ((ToOriginal) this).input();
    }

    default ErpResult result() {
        return ((Status) this).result();
    }

    default ReviewItem item() {
        return ((Review) this).item();
    }
}
