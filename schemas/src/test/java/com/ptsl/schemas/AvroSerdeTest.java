package com.ptsl.schemas;

import com.ptsl.schemas.avro.Application;
import com.ptsl.schemas.avro.ErpCommand;
import com.ptsl.schemas.avro.PaymentMethod;
import com.ptsl.schemas.avro.PostPayment;
import com.ptsl.schemas.avro.RawPayTraceRecord;
import com.ptsl.schemas.avro.RecordSource;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AvroSerdeTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:15:30.123Z");

    @Test
    void raw_record_round_trips_with_single_object_header() {
        RawPayTraceRecord raw = RawPayTraceRecord.newBuilder()
                .setTransactionId("392483066").setSource(RecordSource.POLL).setReceivedAt(NOW)
                .setJson("{\"transaction_id\":392483066}").setFingerprint("ab12").setPansScrubbed(0).build();

        byte[] bytes = Topics.RAW_TRANSACTIONS.valueSerde().serializer().serialize("t", raw);

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize("t", bytes)).isEqualTo(raw);
    }

    @Test
    void command_keeps_money_exact() {
        ErpCommand command = ErpCommand.newBuilder()
                .setCommandId("PostPayment:1").setCustId("C00001").setSourceTransactionId("1")
                .setSourceReceivedAt(NOW).setCreatedAt(NOW)
                .setPayload(PostPayment.newBuilder().setTransactionId("1").setAmount(new BigDecimal("1234567.89"))
                        .setDocDate(LocalDate.of(2026, 11, 26)).setPaymentMethod(PaymentMethod.CARD)
                        .setApplications(List.of(new Application("0000123456", "IN", new BigDecimal("0.10"))))
                        .build())
                .build();

        ErpCommand back = Topics.ERP_COMMANDS.valueSerde().deserializer()
                .deserialize("t", Topics.ERP_COMMANDS.valueSerde().serializer().serialize("t", command));

        assertThat(back).isEqualTo(command);
        assertThat(((PostPayment) back.getPayload()).getAmount()).isEqualByComparingTo("1234567.89");
    }

    @Test
    void garbage_is_a_clear_serialization_error() {
        byte[] garbage = "{not avro}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize("raw", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RawPayTraceRecord")
                .hasMessageContaining("raw");
    }

    @Test
    void unknown_writer_schema_is_refused_not_misread() throws Exception {
        Schema stranger = SchemaBuilder.record("RawPayTraceRecord").namespace("com.ptsl.schemas.avro")
                .fields().requiredString("somethingElse").endRecord();
        GenericRecord record = new GenericData.Record(stranger);
        record.put("somethingElse", "x");
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger).encode(record).array();

        assertThatThrownBy(() -> Topics.RAW_TRANSACTIONS.valueSerde().deserializer().deserialize("raw", bytes))
                .isInstanceOf(SerializationException.class);
    }

    @Test
    void null_is_a_tombstone() {
        assertThat(Topics.ERP_RESULTS.valueSerde().serializer().serialize("t", null)).isNull();
        assertThat(Topics.ERP_RESULTS.valueSerde().deserializer().deserialize("t", null)).isNull();
    }
}
