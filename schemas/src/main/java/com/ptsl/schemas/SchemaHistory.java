package com.ptsl.schemas;

import org.apache.avro.Schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Every released version of every contract, kept as {@code avro-history/<Record>/v<N>.avsc}.
 *
 * <p>Why: with single-object encoding the reader must know the writer's schema by fingerprint.
 * Releasing a schema change therefore means copying the new {@code .avsc} here as the next
 * version; {@code SchemaCompatibilityTest} checks the current schema can read all of them.
 */
public final class SchemaHistory {

    private static final String ROOT = "/avro-history/";

    private SchemaHistory() {
    }

    /** The released versions of a record, oldest first; empty if none were released yet. */
    public static List<Schema> versionsOf(String recordName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; ; v++) {
            String path = ROOT + recordName + "/v" + v + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read released schema " + path, e);
            }
        }
    }
}
