package com.ptsl.processor;

import com.ptsl.service.config.Variable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessorMainTest {

    @Test
    void helpPrintsTheVariablesAndReturns() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ProcessorMain.main(new String[] {"--help"});
        } finally {
            System.setOut(original);
        }

        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("KAFKA_BOOTSTRAP_SERVERS", "PROCESSOR_CUSTOMER_FIELD", "PROCESSOR_COMMIT_INTERVAL_MS",
                        "PAYTRACE_MERCHANT_ZONE", "ADMIN_PORT")
                .contains(Variable.help(ProcessorConfig.VARIABLES));
    }
}
