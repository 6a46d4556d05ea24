package com.ptsl.gateway.pci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.gateway.json.Json;

import java.io.IOException;
import java.util.Arrays;

/**
 * What {@link PanScrubber#scrub} costs per record, on records in the export's shape (reference §3.1, as the
 * sandbox returns them). A plain timing loop, not a test: it prints and asserts nothing. Run after
 * {@code mvn -o -pl ingest-gateway test-compile}:
 * {@code java -cp "ingest-gateway/target/test-classes:ingest-gateway/target/classes:$(cat cp.txt)" com.ptsl.gateway.pci.PanScrubberCost [iterations]}
 * (cp.txt from {@code mvn -o -pl ingest-gateway dependency:build-classpath -Dmdep.outputFile=cp.txt}).
 */
public final class PanScrubberCost {

    private static final String RECORD = "{\"transaction_id\":392483066,\"credit_card\":{\"masked_number\":\"************5439\","
            + "\"expiration_month\":12,\"expiration_year\":31},\"transaction_type\":\"SALE\",\"description\":\"%s\","
            + "\"amount\":1234.56,\"invoice_id\":\"INV-2026-0042\",\"shipping_address\":{\"name\":\"\",\"street_address\":\"\","
            + "\"street_address2\":\"\",\"city\":\"\",\"county\":\"\",\"state\":\"\",\"zip\":\"\",\"country\":\"\"},"
            + "\"billing_address\":{\"name\":\"Customer C00001\",\"street_address\":\"8320 E. West St.\",\"street_address2\":\"\","
            + "\"city\":\"Spokane\",\"state\":\"WA\",\"zip\":\"85284-1234\",\"country\":\"US\"},\"receipt_emailed_to\":\"steve@example.com\","
            + "\"tax_amount\":\"8.10\",\"customer_reference_id\":\"C00001\",\"approval_code\":\"TAS066\","
            + "\"approval_message\":\"  EXACT MATCH - Approved and completed\",\"avs_response\":\"Full Exact Match\","
            + "\"csc_response\":\"Match\",\"status_code\":\"GB1042\",\"status_message\":\"GB1042\",\"created\":{\"through\":\"API\","
            + "\"at\":\"12/1/2026 10:22:33 AM\",\"by\":\"sandbox-api-user\",\"from_ip\":\"127.0.0.1\"},"
            + "\"settled\":\"12/1/2026 8:13:45 PM\",\"customer_id\":\"\"}";

    private PanScrubberCost() {
    }

    public static void main(String[] args) throws IOException {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        String card = TypedCards.randomLuhnValid(new java.util.Random(1), 16);
        String[][] cases = {
                {"typical record", "Payment for invoice INV-2026-0042"},
                {"PayTrace-shaped numbers in description", "Invoice of 12/01/2026 10:22:33, 1234.56 100.00 250.75, ref 392483066"},
                {"card typed with dots in description", "paid with " + card.replaceAll("(\\d{4})(?=\\d)", "$1.") + " thanks"},
        };
        System.out.printf("PanScrubber.scrub, %,d records per round, 5 rounds after warm-up (median)%n", iterations);
        for (String[] c : cases) {
            ObjectNode record = (ObjectNode) Json.parse(String.format(RECORD, c[1]));
            System.out.printf("  %-40s %,8.0f ns/record  (scrubText alone on the description: %,6.0f ns)%n", c[0],
                    nanosPerCall(iterations, () -> PanScrubber.scrub(record).pansScrubbed()),
                    nanosPerCall(iterations, () -> PanScrubber.scrubText(c[1]).pansScrubbed()));
        }
    }

    private static double nanosPerCall(int iterations, java.util.function.IntSupplier call) {
        long sink = 0;
        for (int i = 0; i < iterations; i++) {
            sink += call.getAsInt(); // warm-up: let the JIT compile the scrubber
        }
        double[] rounds = new double[5];
        for (int r = 0; r < rounds.length; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < iterations; i++) {
                sink += call.getAsInt();
            }
            rounds[r] = (System.nanoTime() - start) / (double) iterations;
        }
        if (sink == Long.MIN_VALUE) {
            System.out.println(sink); // keeps the results alive
        }
        Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }
}
