package com.ptsl.launcher.review;

import com.ptsl.launcher.review.ValidatedResolution.Allocation;
import com.ptsl.schemas.avro.ResolutionAction;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import com.ptsl.schemas.avro.ReviewResolution;
import com.ptsl.schemas.avro.ReviewStatus;
import com.ptsl.schemas.avro.SlInvoiceSnapshot;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static com.ptsl.launcher.review.Fixtures.catalog;
import static com.ptsl.launcher.review.Fixtures.item;
import static com.ptsl.launcher.review.Fixtures.money;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every rule a resolution must pass before it is written, without Kafka. */
class ReviewResolutionValidatorTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00.123456Z");
    private final ResolutionValidator validator = new ResolutionValidator(Clock.fixed(NOW, ZoneOffset.UTC), "alice");

    private ValidatedResolution valid(ResolutionRequest request, ReviewItem item) throws ResolutionRejected {
        return validator.validate(request, item, catalog());
    }

    private void rejected(ResolutionRequest request, ReviewItem item, String message) {
        assertThatThrownBy(() -> validator.validate(request, item, catalog()))
                .isInstanceOf(ResolutionRejected.class)
                .hasMessage(message);
    }

    private static ReviewItem open(String id) {
        return item(id).build();
    }

    /** An item whose customer could not be found: nothing posted, all of its amount still to apply. */
    private static ReviewItem unknownCustomer(String id, String amount) {
        return item(id).setReason(ReviewReason.UNKNOWN_CUSTOMER).setCustId(null).setPostedOnAccount(null)
                .setAmount(money(amount)).build();
    }

    @Test
    void aDepositMismatchIsNotAPaymentToDecide() {
        ReviewItem deposit = item("deposit:572").setReason(ReviewReason.DEPOSIT_MISMATCH)
                .setDetail("settlement batch 572: PayTrace net 42.34, SL 29.00, difference -13.34 (SL - PayTrace)").build();
        rejected(new ResolutionRequest("deposit:572", null, true, null, false, null), deposit,
                "review item deposit:572 is a settlement batch that differs from SL (settlement batch 572: PayTrace net 42.34,"
                        + " SL 29.00, difference -13.34 (SL - PayTrace)): post what is missing with 'ptsl reconcile --redrive'"
                        + " or correct SL; it resolves when PayTrace's batch matches");
    }

    @Nested
    class TheOptions {

        @Test
        void exactlyOneActionIsRequired() {
            rejected(new ResolutionRequest("T1", null, false, null, false, "just a note"), open("T1"),
                    "say what to do with T1: give exactly one of --apply, --on-account or --ignore");
        }

        @Test
        void twoActionsAreRejectedNamingBoth() {
            rejected(new ResolutionRequest("T1", List.of("10001"), false, null, true, null), open("T1"),
                    "--apply and --ignore cannot be combined: give exactly one of --apply, --on-account or --ignore");
            rejected(new ResolutionRequest("T1", null, true, null, true, null), open("T1"),
                    "--on-account and --ignore cannot be combined: give exactly one of --apply, --on-account or --ignore");
            rejected(new ResolutionRequest("T1", List.of("10001"), true, null, true, null), open("T1"),
                    "--apply and --on-account and --ignore cannot be combined: give exactly one of --apply, --on-account or --ignore");
        }

        @Test
        void customerGoesOnlyWithOnAccount() {
            rejected(new ResolutionRequest("T1", List.of("10001"), false, "C00001", false, null), open("T1"),
                    "--customer C00001 is only used with --on-account (with --apply the invoices name the customer)");
            rejected(new ResolutionRequest("T1", null, false, "C00001", true, null), open("T1"),
                    "--customer C00001 is only used with --on-account (with --apply the invoices name the customer)");
        }

        @Test
        void aBlankTransactionIdIsRejected() {
            rejected(ResolutionRequest.ignore("  "), open("T1"), "give the transaction id of the review item (see: ptsl review list)");
        }

        @Test
        void optionsAreCheckedWithoutAnyItemOrCatalogue() throws ResolutionRejected {
            assertThat(validator.checkOptions(ResolutionRequest.apply("T1", "10001:5", "10002")))
                    .containsExactly(new ResolutionValidator.InvoiceRequest("10001:5", "10001", money("5.00")),
                            new ResolutionValidator.InvoiceRequest("10002", "10002", null));
            assertThatThrownBy(() -> validator.checkOptions(ResolutionRequest.apply("T1", "10001:x")))
                    .hasMessage("--apply 10001:x: 'x' is not an amount (write it like 125.50)");
        }

        @ParameterizedTest(name = "--apply \"{0}\"")
        @CsvSource(delimiter = '|', value = {
                "10001:abc   | --apply 10001:abc: 'abc' is not an amount (write it like 125.50)",
                "10001:-5    | --apply 10001:-5: the amount must be more than 0",
                "10001:0.00  | --apply 10001:0.00: the amount must be more than 0",
                "10001:1.234 | --apply 10001:1.234: an amount has at most 2 decimals",
                "10001:1:2   | --apply 10001:1:2: write INVOICE or INVOICE:AMOUNT",
                ":5          | --apply :5: the invoice number is missing",
                "''          | '--apply: an invoice number is empty (write INVOICE[:AMOUNT],INVOICE[:AMOUNT]...)'"})
        void badApplySyntaxNamesTheEntry(String entry, String message) {
            rejected(ResolutionRequest.apply("T1", entry.strip()), open("T1"), message);
        }

        @Test
        void anInvoiceListedTwiceIsRejectedEvenWithDifferentZeros() {
            rejected(ResolutionRequest.apply("T1", "10001", "0000010001:5"), open("T1"), "--apply lists invoice 0000010001 twice");
        }
    }

    @Nested
    class TheItem {

        @Test
        void anUnknownTransactionIdIsRejected() {
            rejected(ResolutionRequest.ignore("T404"), null,
                    "no review item with transaction id T404 in payments.review (see: ptsl review list)");
        }

        @Test
        void aResolvedItemIsNotResolvedAgain() {
            ReviewItem resolved = item("T1").setStatus(ReviewStatus.RESOLVED).setResolution("applied to 0000010001 by bob").build();
            rejected(ResolutionRequest.ignore("T1"), resolved, "review item T1 is already RESOLVED: applied to 0000010001 by bob");
            rejected(ResolutionRequest.ignore("T1"), item("T1").setStatus(ReviewStatus.RESOLVED).build(), "review item T1 is already RESOLVED");
        }
    }

    @Nested
    class Apply {

        @Test
        void writesCanonicalRefNbrsTheCustomerAndWhoAndWhen() throws ResolutionRejected {
            ValidatedResolution v = valid(ResolutionRequest.apply("T1", "10001", "0000010002").withNote("  paid by phone "), open("T1"));

            ReviewResolution r = v.resolution();
            assertThat(r.getTransactionId()).isEqualTo("T1");
            assertThat(r.getAction()).isEqualTo(ResolutionAction.APPLY);
            assertThat(r.getCustId()).isEqualTo("C00001");
            assertThat(r.getInvoices()).containsExactly("0000010001", "0000010002");
            assertThat(r.getResolvedBy()).isEqualTo("alice");
            assertThat(r.getNote()).isEqualTo("paid by phone");
            assertThat(r.getResolvedAt()).isEqualTo(Instant.parse("2026-12-01T10:00:00.123Z"));
            assertThat(v.warnings()).isEmpty();
        }

        @Test
        void invoiceNumbersMatchIgnoringLeadingZerosAndCase() throws ResolutionRejected {
            List<SlInvoiceSnapshot> invoices = new ArrayList<>(Fixtures.invoices());
            invoices.add(Fixtures.invoice("INV0007", "C00001", "30.00", LocalDate.of(2026, 9, 1)).build());
            InvoiceCatalog catalog = new InvoiceCatalog(invoices, Fixtures.customers());

            assertThat(validator.validate(ResolutionRequest.apply("T1", "00010001"), open("T1"), catalog).resolution().getInvoices())
                    .containsExactly("0000010001");
            assertThat(validator.validate(ResolutionRequest.apply("T1", "inv0007"), open("T1"), catalog).resolution().getInvoices())
                    .containsExactly("INV0007");
        }

        @Test
        void anInvoiceNotInSlInvoicesIsRejected() {
            rejected(ResolutionRequest.apply("T1", "10002", "10099"), open("T1"), "--apply 10099: no open invoice 10099 in sl.invoices");
        }

        @Test
        void aClosedInvoiceIsRejected() {
            rejected(ResolutionRequest.apply("T1", "10006"), open("T1"), "--apply 10006: invoice 0000010006 is closed in SL");
        }

        @Test
        void anotherCustomersInvoiceIsRejected() {
            rejected(ResolutionRequest.apply("T1", "10001", "10003"), open("T1"),
                    "--apply 10003: invoice 0000010003 belongs to customer C00002, not to the payment's customer C00001");
        }

        @Test
        void anUnreleasedInvoiceIsRejected() {
            rejected(ResolutionRequest.apply("T1", "10004"), open("T1"),
                    "--apply 10004: invoice 0000010004 is not released in SL; a payment cannot be applied to it until it is");
        }

        @Test
        void anExplicitAmountMustFitTheAvailableBalanceNotTheDocBal() throws ResolutionRejected {
            // DocBal 100.00 less the 20.00 SL has not released yet; the 5.00 released application is already in DocBal.
            rejected(ResolutionRequest.apply("T1", "10001:80.01"), open("T1"),
                    "--apply 10001:80.01: 80.01 is more than invoice 0000010001 has available (80.00)");
            assertThat(valid(ResolutionRequest.apply("T1", "10001:80"), open("T1")).allocations().get(0).amount())
                    .isEqualByComparingTo("80.00");
        }

        @Test
        void explicitAmountsMayNotExceedWhatWasPostedOnAccount() {
            ReviewItem partlyOnAccount = item("T1").setAmount(money("100.00")).setPostedOnAccount(money("60.00")).build();
            rejected(ResolutionRequest.apply("T1", "10001:40", "10002:20.01"), partlyOnAccount,
                    "--apply: the amounts add up to 60.01, more than the payment can still apply (60.00 posted on account)");
        }

        @Test
        void withNothingPostedOnAccountTheWholeAmountCanBeApplied() throws ResolutionRejected {
            ReviewItem nothingPosted = item("T1").setAmount(money("100.00")).setPostedOnAccount(null).build();
            ReviewItem zeroPosted = item("T1").setAmount(money("100.00")).setPostedOnAccount(money("0.00")).build();

            assertThat(valid(ResolutionRequest.apply("T1", "10001:80", "10002:20"), nothingPosted).leftOnAccount()).isEqualByComparingTo("0");
            assertThat(valid(ResolutionRequest.apply("T1", "10001:80", "10002:20"), zeroPosted).leftOnAccount()).isEqualByComparingTo("0");
            rejected(ResolutionRequest.apply("T1", "10001:80", "10002:20.01"), nothingPosted,
                    "--apply: the amounts add up to 100.01, more than the payment can still apply (its amount 100.00)");
        }

        @Test
        void anItemWithoutAnAmountCannotBeApplied() {
            ReviewItem noAmount = item("T1").setAmount(null).setPostedOnAccount(null).build();
            rejected(ResolutionRequest.apply("T1", "10001"), noAmount,
                    "review item T1 has no amount to apply to invoices; use --on-account or --ignore");
        }

        @Test
        void withoutAmountsThePaymentGoesOldestFirstAndTheRestStaysOnAccount() throws ResolutionRejected {
            ReviewItem item = item("T1").setPostedOnAccount(money("120.00")).setAmount(money("120.00")).build();
            // Listed newest first on purpose: the processor applies oldest first whatever the order typed.
            ValidatedResolution v = valid(ResolutionRequest.apply("T1", "10002", "10001"), item);

            assertThat(v.resolution().getInvoices()).containsExactly("0000010002", "0000010001");
            assertThat(v.allocations()).extracting(a -> a.invoice().getRefNbr(), a -> a.amount().toPlainString(), Allocation::explicit)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("0000010002", "40.00", false),
                            org.assertj.core.groups.Tuple.tuple("0000010001", "80.00", false));
            assertThat(v.leftOnAccount()).isEqualByComparingTo("0.00");

            ValidatedResolution more = valid(ResolutionRequest.apply("T1", "10001", "10002"),
                    item("T1").setPostedOnAccount(money("150.00")).build());
            assertThat(more.leftOnAccount()).isEqualByComparingTo("20.00");
        }

        @Test
        void withoutAmountsThePaymentMustReachTheLastInvoice() {
            // 80.00 to apply: 0000010001 (oldest, 80.00 available) takes it all, 0000010002 would get nothing.
            ReviewItem item = item("T1").setPostedOnAccount(money("80.00")).build();
            rejected(ResolutionRequest.apply("T1", "10002", "10001"), item,
                    "--apply: the payment (80.00 posted on account) is used up before invoice 0000010002, which would get nothing"
                            + " (oldest first: 0000010001 80.00); list fewer invoices or give amounts as INVOICE:AMOUNT");
        }

        @Test
        void explicitAmountsComeFirstAndTheRestIsSpreadOverTheOthers() throws ResolutionRejected {
            ValidatedResolution v = valid(ResolutionRequest.apply("T1", "10002:50", "10001"), open("T1"));
            assertThat(v.allocations()).extracting(a -> a.amount().toPlainString()).containsExactly("50.00", "50.00");

            rejected(ResolutionRequest.apply("T1", "10002:50", "10001"), item("T1").setPostedOnAccount(money("50.00")).build(),
                    "--apply: the payment (50.00 posted on account) is used up before invoice 0000010001, which would get nothing;"
                            + " list fewer invoices or give amounts as INVOICE:AMOUNT");
        }

        @Test
        void anInvoiceWithNothingAvailableIsRejected() {
            rejected(ResolutionRequest.apply("T1", "10005"), open("T1"),
                    "--apply 10005: invoice 0000010005 has nothing left to pay (available 0.00)");
        }

        @Test
        void explicitAmountsTravelNextToTheirInvoices() throws ResolutionRejected {
            ValidatedResolution v = valid(ResolutionRequest.apply("T1", "10001:60", "10002:39.5").withNote("split per remittance"), open("T1"));

            assertThat(v.resolution().getNote()).isEqualTo("split per remittance");
            assertThat(v.resolution().getAmounts()).containsExactly(new BigDecimal("60.00"), new BigDecimal("39.50"));
            assertThat(v.warnings()).isEmpty();
        }

        @Test
        void anUnknownCustomersPaymentTakesTheCustomerOfItsInvoices() throws ResolutionRejected {
            ValidatedResolution v = valid(ResolutionRequest.apply("T2", "10003"), unknownCustomer("T2", "70.00"));

            assertThat(v.resolution().getCustId()).isEqualTo("C00002");
            assertThat(v.resolution().getInvoices()).containsExactly("0000010003");
        }

        @Test
        void anUnknownCustomersPaymentCannotPayTwoCustomersInvoices() {
            rejected(ResolutionRequest.apply("T2", "10003", "20001"), unknownCustomer("T2", "100.00"),
                    "--apply: the invoices belong to different customers (0000010003 C00002, 0000020001 C00003);"
                            + " a payment of an unknown customer can pay invoices of one customer only");
        }

        @Test
        void oneNumberInTwoCompaniesIsThePayersOneOrAmbiguous() throws ResolutionRejected {
            List<SlInvoiceSnapshot> invoices = new ArrayList<>(Fixtures.invoices());
            invoices.add(Fixtures.invoice("0000010002", "C00002", "50.00", LocalDate.of(2026, 10, 15)).setCpnyId("0070").build());
            InvoiceCatalog twoCompanies = new InvoiceCatalog(invoices, Fixtures.customers());

            assertThat(validator.validate(ResolutionRequest.apply("T1", "10002"), open("T1"), twoCompanies)
                    .allocations().get(0).invoice().getCpnyId()).isEqualTo("0060");
            assertThatThrownBy(() -> validator.validate(ResolutionRequest.apply("T2", "10002"), unknownCustomer("T2", "50.00"), twoCompanies))
                    .hasMessage("--apply 10002: several SL invoices have that number (0060/0000010002 (C00001), 0070/0000010002 (C00002));"
                            + " a resolution names invoices by RefNbr only, so apply this one in SL");
        }
    }

    @Nested
    class OnAccount {

        @Test
        void keepsTheItemsCustomer() throws ResolutionRejected {
            ReviewResolution r = valid(ResolutionRequest.onAccount("T1", null), open("T1")).resolution();

            assertThat(r.getAction()).isEqualTo(ResolutionAction.ON_ACCOUNT);
            assertThat(r.getCustId()).isEqualTo("C00001");
            assertThat(r.getInvoices()).isEmpty();
        }

        @Test
        void anUnknownCustomerNeedsCustomer() {
            rejected(ResolutionRequest.onAccount("T2", null), unknownCustomer("T2", "25.00"),
                    "review item T2 has no known customer: --on-account needs --customer CUSTID");
        }

        @Test
        void theGivenCustomerMustExistInSlCustomers() {
            rejected(ResolutionRequest.onAccount("T2", "C09999"), unknownCustomer("T2", "25.00"),
                    "--customer C09999: no such customer in sl.customers");
        }

        @Test
        void theGivenCustomerIsWrittenAsSlSpellsIt() throws ResolutionRejected {
            assertThat(valid(ResolutionRequest.onAccount("T2", " c00002 "), unknownCustomer("T2", "25.00")).resolution().getCustId())
                    .isEqualTo("C00002");
        }

        @Test
        void aKnownCustomerCannotBeSwapped() throws ResolutionRejected {
            rejected(ResolutionRequest.onAccount("T1", "C00002"), open("T1"),
                    "--customer C00002: the payment belongs to customer C00001; --customer is only for payments of an unknown customer");
            assertThat(valid(ResolutionRequest.onAccount("T1", "c00001"), open("T1")).resolution().getCustId()).isEqualTo("C00001");
        }
    }

    @Nested
    class Ignore {

        @Test
        void closesWithoutInvoices() throws ResolutionRejected {
            ReviewResolution r = valid(ResolutionRequest.ignore("T2").withNote("test charge"), unknownCustomer("T2", "1.00")).resolution();

            assertThat(r.getAction()).isEqualTo(ResolutionAction.IGNORE);
            assertThat(r.getCustId()).isNull();
            assertThat(r.getInvoices()).isEmpty();
            assertThat(r.getNote()).isEqualTo("test charge");
            assertThat(r.getResolvedBy()).isEqualTo("alice");
        }
    }
}
