package com.ptsl.processor.classify;

import com.ptsl.processor.parse.PayTraceTransaction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** transaction_type × status_code × messages, as PayTrace exports them (paytrace-api.md §3.1, §8). */
class ClassifierTest {

    @ParameterizedTest(name = "{0} / {1} / \"{2}\" / \"{3}\" / {4} -> {5}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            SALE          | Y      | Pending Settlement                     | EXACT MATCH - Approved and completed | - | SALE_APPROVED
            sale          | y      | pending settlement                     | ''                                   | - | SALE_APPROVED
            SALE          | GB571  | GB571                                  | EXACT MATCH - Approved and completed | - | SALE_SETTLED
            SALE          | Settled| Settled                                | ''                                   | - | SALE_SETTLED
            SALE          | N      | Transaction Voided                     | EXACT MATCH - Approved and completed | - | VOIDED
            SALE          | N      | Your transaction was successfully approved. However, it was voided because your address and/or CSC did not match. | NO MATCH | - | VOIDED
            SALE          | N      | ''                                     | ''                                   | 103 | VOIDED
            SALE          | Y      | ''                                     | ''                                   | 103 | VOIDED
            SALE          | N      | Your transaction was not approved.     | '    DECLINE - Do not honor'         | - | DECLINED
            SALE          | N      | Declined                               | ''                                   | - | DECLINED
            DECLINED      | N      | Your transaction was not approved.     | '  EXPIRED CARD - Expired card'      | - | DECLINED
            DECLINED      | ''     | ''                                     | ''                                   | - | DECLINED
            VOID          | Y      | ''                                     | ''                                   | - | VOIDED
            AUTHORIZATION | N      | Authorization Only                     | EXACT MATCH - Approved and completed | - | AUTHORIZED
            AUTHORIZATION | N      | ''                                     | ''                                   | - | AUTHORIZED
            AUTHORIZATION | N      | Voided                                 | ''                                   | - | VOIDED
            AUTHORIZATION | Y      | Pending Settlement                     | ''                                   | - | CAPTURED
            AUTHORIZATION | GB572  | GB572                                  | ''                                   | - | CAPTURED
            REFUND        | Y      | Pending Settlement                     | ''                                   | - | REFUNDED
            REFUND        | GB573  | GB573                                  | ''                                   | - | REFUNDED
            REFUND        | N      | Voided                                 | ''                                   | - | VOIDED
            REFUND        | N      | ''                                     | ''                                   | - | UNKNOWN
            SALE          | N      | ''                                     | ''                                   | - | UNKNOWN
            SALE          | ''     | ''                                     | ''                                   | - | UNKNOWN
            SALE          | X      | ''                                     | ''                                   | - | UNKNOWN
            STR/FWD       | Y      | ''                                     | ''                                   | - | UNKNOWN
            ''            | Y      | ''                                     | ''                                   | - | UNKNOWN
            """)
    void classifiesTypeByStatus(String type, String status, String statusMessage, String approvalMessage,
                                Integer responseCode, TransactionKind expected) {
        PayTraceTransaction tx = new PayTraceTransaction("1", type, status, statusMessage, approvalMessage,
                responseCode == null ? OptionalInt.empty() : OptionalInt.of(responseCode),
                new BigDecimal("10.00"), "", "C1", "", LocalDateTime.of(2026, 1, 5, 9, 30), "************5454",
                "", "", "{}", "fp", Instant.EPOCH);

        assertThat(Classifier.classify(tx)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"SALE_APPROVED,true", "SALE_SETTLED,true", "DECLINED,false", "VOIDED,false", "AUTHORIZED,false",
            "CAPTURED,false", "REFUNDED,false", "UNKNOWN,false"})
    void onlySalesPostAPaymentForNow(TransactionKind kind, boolean posts) {
        assertThat(kind.postsPayment()).isEqualTo(posts);
    }
}
