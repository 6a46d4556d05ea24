package com.ptsl.processor;

import com.ptsl.processor.classify.TransactionKind;
import com.ptsl.processor.dedupe.DedupeEntry;
import com.ptsl.processor.dedupe.DedupeStore;
import com.ptsl.processor.deposit.DepositStore;
import com.ptsl.processor.match.LookupIndex;
import com.ptsl.schemas.Topics;
import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.ErpResult;
import com.ptsl.schemas.avro.InvalidRecord;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.ReviewItem;
import com.ptsl.schemas.avro.ReviewReason;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static com.ptsl.processor.PayTraceExportRecord.sale;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The topology's behaviour, driven record by record without a broker. */
class PaymentTopologyTest {

    private static final Instant START = TopologyFixture.START;

    @TempDir
    Path stateDir;

    private TopologyFixture fixture;
    private ProcessorConfig config;
    private ProcessorMetrics metrics;
    private TopologyTestDriver driver;
    private TestOutputTopic<String, ErpCommand> commands;
    private TestOutputTopic<String, InvalidRecord> invalid;
    private TestOutputTopic<String, ReviewItem> review;

    @BeforeEach
    void startDriver() {
        start(ProcessorConfig.defaults().withApplicationId("topology-test").withStateDir(stateDir));
    }

    @AfterEach
    void closeDriver() {
        fixture.close();
    }

    private void start(ProcessorConfig cfg) {
        if (fixture != null) {
            fixture.close();
        }
        config = cfg;
        fixture = new TopologyFixture(cfg);
        metrics = fixture.metrics;
        driver = fixture.driver;
        commands = fixture.commands;
        invalid = fixture.invalid;
        review = fixture.review;
        // What SL's feed holds: the customers the records name and their open invoices.
        for (String custId : List.of("C00001", "C00042", "C00007")) {
            fixture.customer(custId);
        }
        fixture.invoice("C00001", "INV0001", "500").send();
        fixture.invoice("C00042", "INV0042", "500").send();
    }

    private void send(PayTraceExportRecord record) {
        fixture.send(record);
    }

    private KeyValueStore<String, DedupeEntry> dedupeStore() {
        return driver.getKeyValueStore(DedupeStore.NAME);
    }

    @Test
    void approvedSaleBecomesPostPaymentKeyedByCustomer() {
        PayTraceExportRecord sale = sale(79388123).customerReference(" c00042 ").invoice(" INV0042 ").amount("110");
        send(sale);

        KeyValue<String, ErpCommand> out = commands.readKeyValue();
        assertThat(out.key).isEqualTo("C00042");
        ErpCommand command = out.value;
        assertThat(command.getCommandId()).isEqualTo("PostPayment:79388123");
        assertThat(command.getCustId()).isEqualTo("C00042");
        assertThat(command.getSourceTransactionId()).isEqualTo("79388123");
        assertThat(command.getSourceReceivedAt()).isEqualTo(PayTraceExportRecord.RECEIVED_AT);
        // created.at "4/10/2015 4:06:30 PM" in the merchant's default zone, Los Angeles (PDT, UTC-7).
        assertThat(command.getSourceRecordTime()).isEqualTo(Instant.parse("2015-04-10T23:06:30Z"));
        assertThat(command.getCreatedAt()).isEqualTo(START);
        PostPayment payment = (PostPayment) command.getPayload();
        assertThat(payment.getTransactionId()).isEqualTo("79388123");
        assertThat(payment.getAmount()).isEqualTo(new BigDecimal("110.00"));
        assertThat(payment.getDocDate()).isEqualTo(LocalDate.of(2015, 4, 10));
        assertThat(payment.getPaymentMethod()).isEqualTo(PaymentMethod.CARD);
        assertThat(payment.getMaskedAccount()).isEqualTo("************5454");
        assertThat(payment.getApprovalCode()).isEqualTo("VTLMC1");
        assertThat(payment.getApplications()).containsExactly(
                new Application("INV0042", "IN", new BigDecimal("110.00")));
        assertThat(commands.isEmpty()).isTrue();
        assertThat(invalid.isEmpty()).isTrue();
        assertThat(review.isEmpty()).isTrue();
        assertThat(metrics.commandsEmitted()).isEqualTo(1);
        assertThat(metrics.commandsEmitted("PostPayment")).isEqualTo(1);
        assertThat(metrics.classifiedAs(TransactionKind.SALE_APPROVED)).isEqualTo(1);
        assertThat(dedupeStore().get("79388123").paymentPosted()).isTrue();
    }

    @Test
    void recordTimeIsCreatedAtInTheConfiguredMerchantZone() {
        start(config.withMerchantZone(ZoneId.of("America/New_York")));
        send(sale(1001).createdAt("1/15/2026 9:30:05 AM"));

        ErpCommand command = commands.readValue();
        assertThat(command.getSourceRecordTime()).isEqualTo(Instant.parse("2026-01-15T14:30:05Z"));
        assertThat(((PostPayment) command.getPayload()).getDocDate()).isEqualTo(LocalDate.of(2026, 1, 15));
    }

    @Test
    void saleWithoutInvoicePostsUnappliedCash() {
        send(sale(1002).invoice("  "));

        PostPayment payment = (PostPayment) commands.readValue().getPayload();
        assertThat(payment.getApplications()).isEmpty();
        assertThat(payment.getAmount()).isEqualTo(new BigDecimal("110.00"));
    }

    @Test
    void garbageBytesGoToInvalidTopicWithReason() {
        byte[] garbage = "{\"transaction_id\": 5} is not Avro".getBytes(StandardCharsets.UTF_8);
        fixture.sendRaw("5", garbage);

        InvalidRecord kept = invalid.readValue();
        assertThat(kept.getSourceTopic()).isEqualTo(Topics.RAW_TRANSACTIONS.name());
        assertThat(kept.getSourcePartition()).isZero();
        assertThat(kept.getSourceOffset()).isZero();
        assertThat(bytes(kept.getKey())).isEqualTo("5".getBytes(StandardCharsets.UTF_8));
        assertThat(bytes(kept.getValue())).isEqualTo(garbage);
        assertThat(kept.getStage()).isEqualTo("parse");
        assertThat(kept.getReason()).contains("not a RawPayTraceRecord");
        assertThat(commands.isEmpty()).isTrue();
        assertThat(metrics.invalidRecords()).isEqualTo(1);
        assertThat(metrics.invalidRecords(ProcessorMetrics.InvalidStage.PARSE)).isEqualTo(1);
        assertThat(metrics.recordsIn()).isEqualTo(1);
    }

    @Test
    void recordWithoutAmountIsInvalidNamingTheField() {
        PayTraceExportRecord noAmount = sale(1003).without("amount");
        send(noAmount);

        InvalidRecord kept = invalid.readValue();
        assertThat(kept.getReason()).isEqualTo("amount is missing");
        assertThat(bytes(kept.getValue())).isEqualTo(noAmount.bytes());
        assertThat(commands.isEmpty()).isTrue();
        assertThat(dedupeStore().get("1003")).as("invalid records leave no dedupe entry").isNull();
    }

    @Test
    void keyThatDiffersFromTransactionIdIsInvalid() {
        fixture.sendRaw("999", sale(1004).bytes());

        assertThat(invalid.readValue().getReason()).isEqualTo("key '999' differs from transaction_id 1004");
        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void zeroOrNegativeSaleAmountIsInvalid() {
        send(sale(1005).amount("0"));
        send(sale(1006).amount("-5.00"));

        assertThat(invalid.readValuesToList()).extracting(InvalidRecord::getReason).containsExactly(
                "amount must be greater than zero on a SALE, was 0.00",
                "amount must be greater than zero on a SALE, was -5.00");
        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void reasonsNeverCarryACardNumber() {
        send(sale(1007).customerReference("1234567890123456").invoice(""));
        fixture.advance(config.match().deadline().plusSeconds(1));

        assertThat(review.readValue().getDetail()).doesNotContain("1234567890123456").contains("[redacted]");
    }

    @Test
    void sameFingerprintTwiceEmitsOneCommand() {
        PayTraceExportRecord sale = sale(2001);
        send(sale);
        send(sale);

        assertThat(commands.readValuesToList()).hasSize(1);
        assertThat(metrics.duplicatesDropped()).isEqualTo(1);
        assertThat(metrics.recordsIn()).isEqualTo(2);
    }

    @Test
    void statusChangeYToSettledDoesNotPostTwice() {
        send(sale(2002));
        PayTraceExportRecord settled = sale(2002).settledIn(571);
        send(settled);

        assertThat(commands.readValuesToList()).extracting(ErpCommand::getCommandId).containsExactly("PostPayment:2002");
        assertThat(metrics.duplicatesDropped()).as("a changed status is not a duplicate").isZero();
        assertThat(metrics.classifiedAs(TransactionKind.SALE_SETTLED)).isEqualTo(1);
        assertThat(metrics.alreadyPosted()).isEqualTo(1);
        DedupeEntry entry = dedupeStore().get("2002");
        assertThat(entry.fingerprint()).isEqualTo(settled.envelope().getFingerprint());
        assertThat(entry.paymentPosted()).isTrue();
    }

    @Test
    void settledSaleSeenFirstIsPosted() {
        send(sale(2003).settledIn(571));
        send(sale(2003)); // the pending version, polled late

        List<ErpCommand> out = commands.readValuesToList();
        assertThat(out).extracting(ErpCommand::getCommandId).containsExactly("PostPayment:2003");
        assertThat(metrics.classifiedAs(TransactionKind.SALE_SETTLED)).isEqualTo(1);
    }

    @Test
    void declinedSaleEmitsNothing() {
        send(sale(3001).declined());
        send(sale(3002).status("N", "Your transaction was not approved.").set("approval_message", "\"    DECLINE - Do not honor\""));

        assertThat(commands.isEmpty()).isTrue();
        assertThat(review.isEmpty()).isTrue();
        assertThat(invalid.isEmpty()).isTrue();
        assertThat(metrics.classifiedAs(TransactionKind.DECLINED)).isEqualTo(2);
        assertThat(fixture.results.readValuesToList()).extracting(ErpResult::getCommandId, ErpResult::getReason)
                .containsExactly(tuple("Status:3001:DECLINED", "DECLINE - Do not honor"), tuple("Status:3002:DECLINED", "DECLINE - Do not honor"));
    }

    @Test
    void kindsThatPostNothingAreCountedAndReportedAsNotPosted() {
        send(sale(3004).type("AUTHORIZATION").status("N", "Authorization Only"));
        send(sale(3005).status("N", "Your transaction was successfully approved. However, it was voided because your address and/or CSC did not match."));

        assertThat(commands.isEmpty()).isTrue();
        assertThat(review.isEmpty()).isTrue();
        assertThat(metrics.classifiedAs(TransactionKind.AUTHORIZED)).isEqualTo(1);
        assertThat(metrics.classifiedAs(TransactionKind.AUTO_VOIDED)).isEqualTo(1);
        assertThat(fixture.results.readValuesToList()).extracting(ErpResult::getCommandId, r -> r.getStatus().name())
                .containsExactly(tuple("Status:3004:AUTHORIZED", "NOT_POSTED"), tuple("Status:3005:AUTO_VOIDED", "NOT_POSTED"));
    }

    @Test
    void saleWithoutKnownCustomerGoesToReviewAfterTheDeadlineAndPostsNothing() {
        send(sale(4001).customerReference("   ").invoice("NOPE-1"));
        send(sale(4002).customerReference("A-VERY-LONG-CUSTOMER-REF").invoice(""));
        assertThat(review.isEmpty()).as("the invoice may still reach the feed").isTrue();

        fixture.advance(config.match().deadline().plusSeconds(1));

        List<KeyValue<String, ReviewItem>> items = review.readKeyValuesToList();
        assertThat(items).extracting(kv -> kv.key).containsExactlyInAnyOrder("4001", "4002");
        ReviewItem blank = items.stream().filter(kv -> kv.key.equals("4001")).findFirst().orElseThrow().value;
        assertThat(blank.getReason()).isEqualTo(ReviewReason.UNKNOWN_CUSTOMER);
        assertThat(blank.getDetail()).startsWith("no SL customer found from invoice_id 'NOPE-1', customer_reference_id ''")
                .contains("nothing was posted");
        assertThat(blank.getCustId()).isNull();
        assertThat(blank.getPostedOnAccount()).isNull();
        assertThat(blank.getAmount()).isEqualTo(new BigDecimal("110.00"));
        assertThat(blank.getJson()).contains("\"transaction_id\":4001");
        assertThat(items.stream().filter(kv -> kv.key.equals("4002")).findFirst().orElseThrow().value.getDetail())
                .contains("customer_reference_id 'A-VERY-LONG-CUSTOMER-REF'");
        assertThat(commands.isEmpty()).isTrue();
        assertThat(metrics.reviewItems(ReviewReason.UNKNOWN_CUSTOMER)).isEqualTo(2);
    }

    @Test
    void customerCanComeFromTheVaultCustomerId() {
        fixture.customer("C00099", "vault-778");
        send(sale(4003).customerReference("PO123456").invoice("").vaultCustomer("vault-778"));

        assertThat(commands.readKeyValue().key).isEqualTo("C00099");
    }

    @Test
    void vaultIdsCanBeTheCustIdsWhenConfigured() {
        start(config.withCustomerField(CustomerField.CUSTOMER_ID));
        send(sale(4004).customerReference("PO123456").invoice("").vaultCustomer("c00007"));

        assertThat(commands.readKeyValue().key).isEqualTo("C00007");
    }

    @Test
    void commandIdIsDeterministicAcrossRuns(@TempDir Path otherStateDir) {
        PayTraceExportRecord sale = sale(5001).amount("42.50");
        send(sale);
        ErpCommand first = commands.readValue();

        start(config.withStateDir(otherStateDir).withApplicationId("topology-test-second-run"));
        send(sale);
        ErpCommand second = commands.readValue();

        assertThat(second.getCommandId()).isEqualTo(first.getCommandId()).isEqualTo("PostPayment:5001");
        assertThat(second.getPayload()).isEqualTo(first.getPayload());
        assertThat(second.getCustId()).isEqualTo(first.getCustId());
    }

    @Test
    void dedupeEntriesExpireAfterRetention() {
        PayTraceExportRecord sale = sale(6001);
        send(sale);
        assertThat(dedupeStore().get("6001")).isNotNull();

        driver.advanceWallClockTime(config.dedupeRetention().plusDays(1));

        assertThat(dedupeStore().get("6001")).isNull();
        assertThat(metrics.dedupeEntriesExpired()).isEqualTo(1);
        // Forgotten by dedupe and by the customer's matcher, so it is posted again: with the same commandId,
        // which the sink's ledger reports as DUPLICATE.
        send(sale);
        assertThat(commands.readValuesToList()).extracting(ErpCommand::getCommandId)
                .containsExactly("PostPayment:6001", "PostPayment:6001");
    }

    @Test
    void dedupeEntriesSeenWithinRetentionAreKept() {
        PayTraceExportRecord sale = sale(6002);
        send(sale);
        driver.advanceWallClockTime(config.dedupeRetention().minusDays(1));
        send(sale); // seen again: the retention clock restarts
        driver.advanceWallClockTime(Duration.ofDays(2));

        assertThat(dedupeStore().get("6002")).isNotNull();
        assertThat(metrics.dedupeEntriesExpired()).isZero();
        assertThat(commands.readValuesToList()).hasSize(1);
    }

    @Test
    void amountsStayExact() {
        send(sale(7001).amount("0.10"));
        send(sale(7002).amount("0.20"));
        send(sale(7003).amount("1234567.89"));
        send(sale(7004).amount("0.1"));
        send(sale(7005).amount("99999999999999.99"));

        List<BigDecimal> amounts = commands.readValuesToList().stream()
                .map(c -> ((PostPayment) c.getPayload()).getAmount()).toList();
        assertThat(amounts).containsExactly(new BigDecimal("0.10"), new BigDecimal("0.20"),
                new BigDecimal("1234567.89"), new BigDecimal("0.10"), new BigDecimal("99999999999999.99"));
        assertThat(amounts.get(0).add(amounts.get(1))).isEqualTo(new BigDecimal("0.30"));
    }

    @Test
    void amountWithFractionsOfACentIsInvalid() {
        send(sale(7006).amount("10.005"));

        assertThat(invalid.readValue().getReason()).isEqualTo("amount has more than 2 decimal places: 10.005");
        assertThat(commands.isEmpty()).isTrue();
    }

    @Test
    void onlyTheLastFourCardDigitsReachTheCommand() {
        send(sale(8001).maskedCard("401200******5439"));

        assertThat(((PostPayment) commands.readValue().getPayload()).getMaskedAccount()).isEqualTo("************5439");
    }

    @Test
    void everyNodeAndStoreHasAnExplicitName() {
        String description = PaymentTopology.build(config).describe().toString();

        assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
        assertThat(description).contains("raw-source", "parse", "dedupe", "classify", "payable-only", "resolve", "match",
                "invoice-index", "customer-index", "invalid-sink", "resolve-review-sink", "match-review-sink", "commands-sink",
                "payments-by-customer", "invoices-by-customer", DedupeStore.NAME, LookupIndex.STORE,
                "route", "refunds-by-original", "route-status-sink", "route-review-sink", "resolve-status-sink", "match-status-sink",
                "deposit-source", "deposit", "deposit-invalid-sink", "deposit-commands-sink", DepositStore.NAME);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
