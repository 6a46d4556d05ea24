package com.ptsl.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every contract's current schema must read every released version, and be released itself. */
class SchemaCompatibilityTest {

    @TestFactory
    Stream<DynamicTest> current_schema_reads_every_released_version() {
        return Topics.all().stream().filter(topic -> topic.valueSerde() instanceof AvroSerde).flatMap(topic -> {
            Schema current = ((AvroSerde<?>) topic.valueSerde()).schema();
            return SchemaHistory.versionsOf(current.getName()).stream().map(old -> DynamicTest.dynamicTest(
                    current.getName() + " reads a writer of " + old.getName() + " #" + SchemaHistory.versionsOf(current.getName()).indexOf(old),
                    () -> assertThat(SchemaCompatibility.checkReaderWriterCompatibility(current, old).getType())
                            .as("a consumer with the current %s schema must read records written with a released version", current.getName())
                            .isEqualTo(SchemaCompatibilityType.COMPATIBLE)));
        });
    }

    @TestFactory
    Stream<DynamicTest> current_schema_is_released() {
        return Topics.all().stream().filter(topic -> topic.valueSerde() instanceof AvroSerde).map(topic -> {
            Schema current = ((AvroSerde<?>) topic.valueSerde()).schema();
            return DynamicTest.dynamicTest(current.getName() + " is the latest released version", () ->
                    // Compared by the fingerprint the wire format carries, which ignores doc and Java-only properties.
                    assertThat(SchemaHistory.versionsOf(current.getName()))
                            .as("changed %s.avsc must be copied to avro-history/%s/v<next>.avsc", current.getName(), current.getName())
                            .isNotEmpty()
                            .last().extracting(SchemaNormalization::parsingFingerprint64)
                            .isEqualTo(SchemaNormalization.parsingFingerprint64(current)));
        });
    }

    @org.junit.jupiter.api.Test
    void an_incompatible_change_is_detected() {
        Schema current = SchemaHistory.versionsOf("RawPayTraceRecord").get(0);
        Schema withNewRequiredField = new Schema.Parser().parse(current.toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"merchantId\",\"type\":\"string\"},"));
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(withNewRequiredField, current).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }
}
