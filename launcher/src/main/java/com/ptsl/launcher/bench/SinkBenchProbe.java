package com.ptsl.launcher.bench;

import java.util.function.Consumer;

/** {@link SinkProbe} by {@code com.ptsl.sink.bench.SinkBench} (erp-sink). */
final class SinkBenchProbe implements SinkProbe {

    @Override
    public Figures run(Target target, int commands, Consumer<String> progress) throws Exception {
        // lead: call SinkBench.run(...) here, once erp-sink has it:
        //   com.ptsl.sink.bench.SinkBench.Result r = com.ptsl.sink.bench.SinkBench.run(new com.ptsl.sink.bench.SinkBench.Options(
        //           target.bootstrapServers(), target.jdbcUrl(), target.dbUser(), target.dbPassword(), target.cpnyId(), commands),
        //           progress);
        //   return new Figures(r.commands(), r.commandsPerSecond(), r.firstFifthPerSecond(), r.lastFifthPerSecond(),
        //           r.baselinePaymentsPerSecond(), r.baselineDescription());
        throw new UnsupportedOperationException("SinkBench is not in this build of erp-sink yet");
    }
}
