package com.ptsl.processor.match;

import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;

import java.nio.charset.StandardCharsets;

/**
 * Wire form of {@link MatchInput} in the repartition topics: one tag byte, then the body. SL snapshots
 * and resolutions keep their Avro contract bytes (so their schema evolution rules apply); a payment, a
 * reversal and a refund are written in {@link WireCodec}'s binary form (tags 7-9; the JSON of tags 1, 5 and 6,
 * written before issue 8, is still read); a removal is the invoice key. New tags are only ever added.
 */
public final class MatchInputSerde extends TaggedSerde<MatchInput> {

    private static final byte PAYMENT = 1;
    private static final byte INVOICE_UPSERT = 2;
    private static final byte INVOICE_REMOVED = 3;
    private static final byte RESOLUTION = 4;
    private static final byte REVERSE = 5;
    private static final byte REFUND = 6;
    private static final byte PAYMENT_BINARY = 7;
    private static final byte REVERSE_BINARY = 8;
    private static final byte REFUND_BINARY = 9;

    /** The Payment record without the interface, so Jackson needs no type information (read only: tags 1, 5, 6). */
    private record PaymentBody(PaymentFacts facts, MatchInput.Forced forced) {
    }

    private record ReverseBody(PaymentFacts facts, TransactionKind kind) {
    }

    private record RefundBody(PaymentFacts facts, String originalTransactionId) {
    }

    private final JsonSerde<PaymentBody> payments = new JsonSerde<>(PaymentBody.class);
    private final JsonSerde<ReverseBody> reversals = new JsonSerde<>(ReverseBody.class);
    private final JsonSerde<RefundBody> refunds = new JsonSerde<>(RefundBody.class);

    public MatchInputSerde() {
        super("MatchInput");
    }

    @Override
    byte[] encode(String topic, MatchInput input) {
        // Java 17: no pattern matching in switch yet.
        if (input instanceof MatchInput.Payment p) {
            return WireCodec.write(PAYMENT_BINARY, out -> {
                WireCodec.facts(out, p.facts());
                WireCodec.forced(out, p.forced());
            });
        }
        if (input instanceof MatchInput.InvoiceUpsert u) {
            return tagged(INVOICE_UPSERT, Topics.SL_INVOICES.valueSerde().serializer().serialize(Topics.SL_INVOICES.name(), u.invoice()));
        }
        if (input instanceof MatchInput.InvoiceRemoved r) {
            return tagged(INVOICE_REMOVED, r.invoiceKey().getBytes(StandardCharsets.UTF_8));
        }
        if (input instanceof MatchInput.Reverse v) {
            return WireCodec.write(REVERSE_BINARY, out -> {
                WireCodec.facts(out, v.facts());
                WireCodec.text(out, v.kind().name());
            });
        }
        if (input instanceof MatchInput.Refund f) {
            return WireCodec.write(REFUND_BINARY, out -> {
                WireCodec.facts(out, f.facts());
                WireCodec.text(out, f.originalTransactionId());
            });
        }
        MatchInput.Resolution r = (MatchInput.Resolution) input;
        return tagged(RESOLUTION,
                Topics.REVIEW_RESOLUTIONS.valueSerde().serializer().serialize(Topics.REVIEW_RESOLUTIONS.name(), r.resolution()));
    }

    @Override
    MatchInput decode(String topic, byte tag, byte[] body) {
        return switch (tag) {
            case PAYMENT -> {
                PaymentBody p = payments.deserialize(topic, body);
                yield new MatchInput.Payment(p.facts(), p.forced());
            }
            case INVOICE_UPSERT -> new MatchInput.InvoiceUpsert(
                    (SlInvoiceSnapshot) Topics.SL_INVOICES.valueSerde().deserializer().deserialize(Topics.SL_INVOICES.name(), body));
            case INVOICE_REMOVED -> new MatchInput.InvoiceRemoved(new String(body, StandardCharsets.UTF_8));
            case RESOLUTION -> new MatchInput.Resolution(
                    (ReviewResolution) Topics.REVIEW_RESOLUTIONS.valueSerde().deserializer().deserialize(Topics.REVIEW_RESOLUTIONS.name(), body));
            case REVERSE -> {
                ReverseBody v = reversals.deserialize(topic, body);
                yield new MatchInput.Reverse(v.facts(), v.kind());
            }
            case REFUND -> {
                RefundBody f = refunds.deserialize(topic, body);
                yield new MatchInput.Refund(f.facts(), f.originalTransactionId());
            }
            case PAYMENT_BINARY -> WireCodec.read(body, "payment", in -> new MatchInput.Payment(WireCodec.facts(in), WireCodec.forced(in)));
            case REVERSE_BINARY -> WireCodec.read(body, "reversal",
                    in -> new MatchInput.Reverse(WireCodec.facts(in), TransactionKind.valueOf(WireCodec.text(in))));
            case REFUND_BINARY -> WireCodec.read(body, "refund", in -> new MatchInput.Refund(WireCodec.facts(in), WireCodec.text(in)));
            default -> throw unknownTag(tag);
        };
    }
}
