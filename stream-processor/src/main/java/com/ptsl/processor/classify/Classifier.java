package com.ptsl.processor.classify;

import com.ptsl.processor.parse.PayTraceTransaction;

import java.util.List;
import java.util.Locale;

import static com.ptsl.processor.classify.Rule.Field.APPROVAL_MESSAGE;
import static com.ptsl.processor.classify.Rule.Field.CSC_RESPONSE;
import static com.ptsl.processor.classify.Rule.Field.NONE;
import static com.ptsl.processor.classify.Rule.Sign.ANY_SIGN;
import static com.ptsl.processor.classify.Rule.Sign.NEGATIVE;
import static com.ptsl.processor.classify.Rule.Sign.NONZERO;
import static com.ptsl.processor.classify.Rule.Sign.POSITIVE;
import static com.ptsl.processor.classify.Rule.Text.ANY;
import static com.ptsl.processor.classify.Rule.Text.contains;
import static com.ptsl.processor.classify.Rule.Text.is;
import static com.ptsl.processor.classify.Rule.Text.settled;

/**
 * Decides a record's {@link TransactionKind} from transaction_type × status_code × status_message × response
 * code × amount sign (and approval_message / csc_response where they tell more), as PayTrace and the sandbox
 * export them (paytrace-api.md §3.1 and §8; the lifecycle table of issue 7). The rules are data: {@link #RULES}
 * is read top to bottom and the first row that matches wins, so a row only has to say what is left over
 * after the rows above it. The last row matches everything: the classifier is total, an unrecognised
 * record is UNKNOWN, never an error.
 *
 * <p>Why this order: a response code says most (103 is an auto-void whatever the status), the type DECLINED
 * says all, and status N overrides the type, because a SALE that was voided or declined is still exported as
 * SALE. Within N, the specific (a CSC mismatch on a voided sale) comes before the general (voided).
 */
public final class Classifier {

    private static final List<String> PAYMENT_TYPES = List.of("SALE", "AUTHORIZATION");

    /** The table. Each row is one spec in ClassifierTest; none is shadowed by those above it (tested too). */
    public static final List<Rule> RULES = List.of(
            new Rule("a response_code of 103 is an auto-void, whatever the status says",
                    ANY, ANY, ANY, NONE, ANY, 103, ANY_SIGN, TransactionKind.AUTO_VOIDED),
            new Rule("a response_code of 102 is a decline",
                    ANY, ANY, ANY, NONE, ANY, 102, ANY_SIGN, TransactionKind.DECLINED),
            new Rule("transaction_type DECLINED is a decline",
                    is("DECLINED"), ANY, ANY, NONE, ANY, null, ANY_SIGN, TransactionKind.DECLINED),
            new Rule("a negative amount on a sale or an authorization is not understood",
                    is(PAYMENT_TYPES), ANY, ANY, NONE, ANY, null, NEGATIVE, TransactionKind.UNKNOWN),
            new Rule("a voided sale or authorization whose CSC did not match is PayTrace's 103 auto-void",
                    is(PAYMENT_TYPES), is("N"), contains("VOID"), CSC_RESPONSE, contains("NO MATCH"), null, ANY_SIGN, TransactionKind.AUTO_VOIDED),
            new Rule("a sale or authorization voided because the address or CSC did not match (the 103 reply text) is an auto-void",
                    is(PAYMENT_TYPES), is("N"), contains("DID NOT MATCH"), NONE, ANY, null, ANY_SIGN, TransactionKind.AUTO_VOIDED),
            new Rule("a voided sale, capture, refund or authorization is a void",
                    is("SALE", "AUTHORIZATION", "REFUND"), is("N"), contains("VOID"), NONE, ANY, null, ANY_SIGN, TransactionKind.VOIDED),
            new Rule("transaction_type VOID is a void",
                    is("VOID"), ANY, ANY, NONE, ANY, null, ANY_SIGN, TransactionKind.VOIDED),
            new Rule("status N with a decline status_message is a decline",
                    ANY, is("N"), contains("DECL", "NOT APPROVED"), NONE, ANY, null, ANY_SIGN, TransactionKind.DECLINED),
            new Rule("status N with a decline approval_message is a decline",
                    ANY, is("N"), ANY, APPROVAL_MESSAGE, contains("DECL"), null, ANY_SIGN, TransactionKind.DECLINED),
            new Rule("an authorization never captured in time has expired",
                    is("AUTHORIZATION"), is("N"), contains("EXPIRED"), NONE, ANY, null, ANY_SIGN, TransactionKind.AUTHORIZATION_EXPIRED),
            new Rule("any other authorization with status N is authorized, not captured",
                    is("AUTHORIZATION"), is("N"), ANY, NONE, ANY, null, ANY_SIGN, TransactionKind.AUTHORIZED),
            new Rule("a sale of a positive amount pending settlement is an approved sale",
                    is("SALE"), is("Y"), ANY, NONE, ANY, null, POSITIVE, TransactionKind.SALE_APPROVED),
            new Rule("a sale of a positive amount in a settlement batch is a settled sale",
                    is("SALE"), settled(), ANY, NONE, ANY, null, POSITIVE, TransactionKind.SALE_SETTLED),
            new Rule("an authorization pending settlement was captured, for its record's amount",
                    is("AUTHORIZATION"), is("Y"), ANY, NONE, ANY, null, POSITIVE, TransactionKind.CAPTURED),
            new Rule("an authorization in a settlement batch is a settled capture",
                    is("AUTHORIZATION"), settled(), ANY, NONE, ANY, null, POSITIVE, TransactionKind.CAPTURE_SETTLED),
            new Rule("a refund pending settlement, of either sign, is a refund",
                    is("REFUND"), is("Y"), ANY, NONE, ANY, null, NONZERO, TransactionKind.REFUNDED),
            new Rule("a refund in a settlement batch is a settled refund",
                    is("REFUND"), settled(), ANY, NONE, ANY, null, NONZERO, TransactionKind.REFUND_SETTLED),
            new Rule("anything else is unknown: counted and sent to review, never posted",
                    ANY, ANY, ANY, NONE, ANY, null, ANY_SIGN, TransactionKind.UNKNOWN));

    private Classifier() {
    }

    public static TransactionKind classify(PayTraceTransaction tx) {
        return match(tx).kind();
    }

    /** The first row that matches; never null, because the last row matches everything. */
    public static Rule match(PayTraceTransaction tx) {
        Rule.Facts facts = new Rule.Facts(upper(tx.transactionType()), upper(tx.statusCode()), upper(tx.statusMessage()),
                upper(tx.approvalMessage()), upper(tx.cscResponse()), tx.responseCode(), tx.amount().signum());
        for (Rule rule : RULES) {
            if (rule.matches(facts)) {
                return rule;
            }
        }
        throw new IllegalStateException("the last classifier row must match everything");
    }

    private static String upper(String s) {
        return s.strip().toUpperCase(Locale.ROOT);
    }
}
