package com.ptsl.processor.match;

import org.apache.kafka.common.errors.SerializationException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The compact binary body of the repartition messages that carry a payment (tags added in issue 8; the JSON bodies of
 * the older tags are still read). Every payment crosses one or two repartition topics, and writing and reading its
 * facts as JSON was a tenth of the processor's CPU. Fields are written in a fixed order; text is length-prefixed
 * UTF-8 (-1 for null), amounts their plain decimal text, so nothing is rounded. A field added later goes at the end
 * under a new tag.
 */
final class WireCodec {

    private WireCodec() {
    }

    /** Writes a body with {@code writer}; the tag byte is written first. */
    static byte[] write(byte tag, Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1_024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(tag);
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        return bytes.toByteArray();
    }

    /** Reads a body (without its tag); a truncated or malformed one is a SerializationException naming {@code what}. */
    static <T> T read(byte[] body, String what, Reader<T> reader) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(body))) {
            T value = reader.read(in);
            if (in.available() > 0) {
                throw new SerializationException(what + " has " + in.available() + " bytes left over");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            if (e instanceof SerializationException s) {
                throw s;
            }
            throw new SerializationException("unreadable " + what + ": " + e, e);
        }
    }

    @FunctionalInterface
    interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    @FunctionalInterface
    interface Reader<T> {
        T read(DataInputStream in) throws IOException;
    }

    static void facts(DataOutputStream out, PaymentFacts p) throws IOException {
        text(out, p.transactionId());
        amount(out, p.amount());
        text(out, p.invoiceId());
        text(out, p.customerReferenceId());
        text(out, p.customerId());
        text(out, p.description());
        text(out, p.createdAt());
        text(out, p.maskedCard());
        text(out, p.approvalCode());
        out.writeLong(p.receivedAtMs());
        text(out, p.json());
        out.writeLong(p.heldSinceMs());
        text(out, p.createdBy());
    }

    static PaymentFacts facts(DataInputStream in) throws IOException {
        return new PaymentFacts(text(in), amount(in), text(in), text(in), text(in), text(in), text(in), text(in), text(in),
                in.readLong(), text(in), in.readLong(), text(in));
    }

    /** A person's instruction, or null. */
    static void forced(DataOutputStream out, MatchInput.Forced forced) throws IOException {
        out.writeBoolean(forced != null);
        if (forced == null) {
            return;
        }
        out.writeBoolean(forced.onAccount());
        out.writeInt(forced.invoices().size());
        for (String invoice : forced.invoices()) {
            text(out, invoice);
        }
        out.writeInt(forced.amounts().size());
        for (BigDecimal amount : forced.amounts()) {
            amount(out, amount);
        }
    }

    static MatchInput.Forced forced(DataInputStream in) throws IOException {
        if (!in.readBoolean()) {
            return null;
        }
        boolean onAccount = in.readBoolean();
        int invoiceCount = count(in);
        List<String> invoices = new ArrayList<>(invoiceCount);
        for (int i = 0; i < invoiceCount; i++) {
            invoices.add(text(in));
        }
        int amountCount = count(in);
        List<BigDecimal> amounts = new ArrayList<>(amountCount);
        for (int i = 0; i < amountCount; i++) {
            amounts.add(amount(in));
        }
        return new MatchInput.Forced(onAccount, invoices, amounts);
    }

    static void text(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    static String text(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > in.available()) {
            throw new SerializationException("text of " + length + " bytes where " + in.available() + " are left");
        }
        byte[] utf8 = new byte[length];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** Exact: the plain decimal text, scale kept; null stays null. */
    static void amount(DataOutputStream out, BigDecimal amount) throws IOException {
        text(out, amount == null ? null : amount.toPlainString());
    }

    static BigDecimal amount(DataInputStream in) throws IOException {
        String s = text(in);
        return s == null ? null : new BigDecimal(s);
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new SerializationException("a list of " + n + " where " + in.available() + " bytes are left");
        }
        return n;
    }
}
