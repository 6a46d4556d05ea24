package com.ptsl.processor.match;

import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.schemas.Topics;


/**
 * Wire form of {@link ResolveInput} in the refunds-by-original repartition topic: one tag byte, then the body in
 * {@link WireCodec}'s binary form (tags 5-7; the JSON of tags 1-3, written before issue 8, is still read). A
 * resolution keeps its Avro contract bytes. New tags are only ever added.
 */
public final class ResolveInputSerde extends TaggedSerde<ResolveInput> {

    private static final byte PAYMENT = 1;
    private static final byte REFUND = 2;
    private static final byte VOID = 3;
    private static final byte RESOLUTION = 4;
    private static final byte PAYMENT_BINARY = 5;
    private static final byte REFUND_BINARY = 6;
    private static final byte VOID_BINARY = 7;

    private record RefundBody(PaymentFacts facts, String originalTransactionId) {
    }

    private record VoidBody(PaymentFacts facts, TransactionKind kind, String originalTransactionId) {
    }

    private final JsonSerde<PaymentFacts> payments = new JsonSerde<>(PaymentFacts.class);
    private final JsonSerde<RefundBody> refunds = new JsonSerde<>(RefundBody.class);
    private final JsonSerde<VoidBody> voids = new JsonSerde<>(VoidBody.class);

    public ResolveInputSerde() {
        super("ResolveInput");
    }

    @Override
    byte[] encode(String topic, ResolveInput input) {
        if (input instanceof ResolveInput.Payment p) {
            return WireCodec.write(PAYMENT_BINARY, out -> WireCodec.facts(out, p.facts()));
        }
        if (input instanceof ResolveInput.Refund r) {
            return WireCodec.write(REFUND_BINARY, out -> {
                WireCodec.facts(out, r.facts());
                WireCodec.text(out, r.originalTransactionId());
            });
        }
        if (input instanceof ResolveInput.Voided v) {
            return WireCodec.write(VOID_BINARY, out -> {
                WireCodec.facts(out, v.facts());
                WireCodec.text(out, v.kind().name());
                WireCodec.text(out, v.originalTransactionId());
            });
        }
        ResolveInput.Resolution r = (ResolveInput.Resolution) input;
        return tagged(RESOLUTION,
                Topics.REVIEW_RESOLUTIONS.valueSerde().serializer().serialize(Topics.REVIEW_RESOLUTIONS.name(), r.resolution()));
    }

    @Override
    ResolveInput decode(String topic, byte tag, byte[] body) {
        return switch (tag) {
            case PAYMENT -> new ResolveInput.Payment(payments.deserialize(topic, body));
            case REFUND -> {
                RefundBody r = refunds.deserialize(topic, body);
                yield new ResolveInput.Refund(r.facts(), r.originalTransactionId());
            }
            case VOID -> {
                VoidBody v = voids.deserialize(topic, body);
                yield new ResolveInput.Voided(v.facts(), v.kind(), v.originalTransactionId());
            }
            case PAYMENT_BINARY -> WireCodec.read(body, "payment", in -> new ResolveInput.Payment(WireCodec.facts(in)));
            case REFUND_BINARY -> WireCodec.read(body, "refund", in -> new ResolveInput.Refund(WireCodec.facts(in), WireCodec.text(in)));
            case VOID_BINARY -> WireCodec.read(body, "void", in -> new ResolveInput.Voided(WireCodec.facts(in),
                    TransactionKind.valueOf(WireCodec.text(in)), WireCodec.text(in)));
            case RESOLUTION -> new ResolveInput.Resolution(
                    Topics.REVIEW_RESOLUTIONS.valueSerde().deserializer().deserialize(Topics.REVIEW_RESOLUTIONS.name(), body));
            default -> throw unknownTag(tag);
        };
    }
}
