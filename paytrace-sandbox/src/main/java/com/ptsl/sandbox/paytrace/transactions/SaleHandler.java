package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.SandboxConfig;
import com.ptsl.sandbox.paytrace.auth.BearerAuthFilter;
import com.ptsl.sandbox.paytrace.errors.PayTraceErrors;
import com.ptsl.sandbox.paytrace.http.Json;
import com.ptsl.sandbox.paytrace.http.RequestBodies;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.YearMonth;

import static com.ptsl.sandbox.paytrace.http.RequestBodies.text;
import static com.ptsl.sandbox.paytrace.http.RequestBodies.textOrEmpty;

/**
 * {@code POST /v1/transactions/sale/keyed} (reference §2). The full card number lives only in local variables of
 * {@link #handle}: it is checked, masked, and dropped; no field, log line or message ever holds it.
 */
public final class SaleHandler implements Handler {

    /** Upper bound of a single sale, so absurd input is a validation error rather than a stored record. */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("999999.99");

    private final TransactionStore store;
    private final SandboxConfig config;
    private final Clock clock;

    public SaleHandler(TransactionStore store, SandboxConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void handle(Context ctx) {
        ObjectNode body = RequestBodies.body(ctx);
        PayTraceErrors.Collector errors = new PayTraceErrors.Collector();

        BigDecimal amount = parseMoney(body.get("amount"));
        if (amount == null || amount.signum() <= 0 || amount.compareTo(MAX_AMOUNT) > 0) {
            errors.add(PayTraceErrors.AMOUNT, PayTraceErrors.MSG_AMOUNT);
        }
        JsonNode card = body.get("credit_card");
        String maskedNumber = null;
        {
            String number = text(card, "number");
            if (CardChecks.validNumber(number)) {
                maskedNumber = CardChecks.maskForExport(number);
            } else {
                errors.add(PayTraceErrors.CARD_NUMBER, PayTraceErrors.MSG_CARD_NUMBER);
            }
        } // the number goes out of scope here
        Integer month = parseMonth(text(card, "expiration_month"));
        if (month == null) {
            errors.add(PayTraceErrors.EXPIRATION_MONTH, PayTraceErrors.MSG_EXPIRATION_MONTH);
        }
        Integer year = parseYear(text(card, "expiration_year"));
        if (year == null) {
            errors.add(PayTraceErrors.EXPIRATION_YEAR, PayTraceErrors.MSG_EXPIRATION_YEAR);
        }
        errors.throwIfAny();

        String csc = text(body, "csc");
        Address billing = Address.fromRequest(body.get("billing_address"));
        Address shipping = Address.fromRequest(body.get("shipping_address"));
        // A card is valid through the last day of its expiry month, judged on the merchant's calendar.
        boolean expired = YearMonth.of(year, month).isBefore(YearMonth.now(clock.withZone(config.merchantZone())));
        String apiUser = ctx.attribute(BearerAuthFilter.API_USER);
        String fromIp = ctx.ip();
        String exportMask = maskedNumber;
        int expMonth = month;
        int expYear = year;

        // The outcome depends on the id (approval code), which only the store hands out.
        ProcessorRules.Outcome[] decided = new ProcessorRules.Outcome[1];
        StoredTransaction sale = store.add((id, now) -> {
            ProcessorRules.Outcome o = ProcessorRules.decide(id, amount, csc, billing.verifiable(), expired);
            decided[0] = o;
            return new StoredTransaction(id, o.transactionType(), o.responseCode(), amount, exportMask, expMonth,
                    expYear, textOrEmpty(body, "description"), textOrEmpty(body, "invoice_id"),
                    textOrEmpty(body, "customer_reference_id"), textOrEmpty(body, "email"),
                    formatTax(body.get("tax_amount")), billing, shipping, o.approvalCode(), o.approvalMessage(),
                    o.avsResponse(), o.cscResponse(), o.statusCode(), o.exportStatusMessage(), now,
                    apiUser == null ? config.username() : apiUser, fromIp, null, "",
                    textOrEmpty(body, "integrator_id"));
        });
        ProcessorRules.Outcome outcome = decided[0];

        // Field order as in PayTrace's replies (reference §2, "Transaction response fields").
        ObjectNode reply = Json.object();
        reply.put("success", outcome.success());
        reply.put("response_code", outcome.responseCode());
        reply.put("status_message", outcome.statusMessage());
        reply.put("transaction_id", sale.transactionId());
        reply.put("approval_code", outcome.approvalCode());
        reply.put("approval_message", outcome.approvalMessage());
        reply.put("avs_response", outcome.avsResponse());
        reply.put("csc_response", outcome.cscResponse());
        reply.put("external_transaction_id", "");
        reply.put("masked_card_number", CardChecks.replyMask(sale.maskedCardNumber()));
        Json.respond(ctx, outcome.httpOk() ? 200 : config.declineHttpStatus(), reply);
    }

    /** Dollars as a string ("12.34", PayTrace's documented form) or a JSON number; at most two decimals. */
    static BigDecimal parseMoney(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        BigDecimal value;
        if (node.isNumber()) {
            value = node.decimalValue();
        } else if (node.isTextual()) {
            String s = node.asText().trim();
            if (!s.matches("^-?\\d{1,9}(\\.\\d{1,2})?$")) {
                return null;
            }
            value = new BigDecimal(s);
        } else {
            return null;
        }
        if (value.stripTrailingZeros().scale() > 2) {
            return null;
        }
        return value.setScale(2, RoundingMode.UNNECESSARY);
    }

    private static Integer parseMonth(String text) {
        if (text == null || !text.trim().matches("^\\d{1,2}$")) {
            return null;
        }
        int month = Integer.parseInt(text.trim());
        return month >= 1 && month <= 12 ? month : null;
    }

    /** Two-digit years mean 20yy; four-digit years must be in this century. */
    private static Integer parseYear(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        if (t.matches("^\\d{2}$")) {
            return 2000 + Integer.parseInt(t);
        }
        if (t.matches("^\\d{4}$")) {
            int year = Integer.parseInt(t);
            return year >= 2000 && year <= 2099 ? year : null;
        }
        return null;
    }

    /** Exports show tax as a two-decimal string; anything unreadable is dropped rather than echoed. */
    private static String formatTax(JsonNode node) {
        BigDecimal tax = parseMoney(node);
        return tax == null || tax.signum() < 0 ? "" : tax.toPlainString();
    }
}
