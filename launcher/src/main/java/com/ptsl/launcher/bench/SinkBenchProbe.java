package com.ptsl.launcher.bench;

import com.ptsl.sink.bench.SinkBench;

import java.util.function.Consumer;

/** {@link SinkProbe} by {@code com.ptsl.sink.bench.SinkBench} (erp-sink). */
final class SinkBenchProbe implements SinkProbe {

    @Override
    public Figures run(Target target, int commands, Consumer<String> progress) throws Exception {
        SinkBench.Result r = SinkBench.run(new SinkBench.Options(target.bootstrapServers(), target.jdbcUrl(), target.dbUser(),
                target.dbPassword(), target.cpnyId(), commands), progress);
        return new Figures(r.commands(), r.commandsPerSecond(), r.firstFifthPerSecond(), r.lastFifthPerSecond(),
                r.baselinePaymentsPerSecond(), r.baselineDescription());
    }
}
