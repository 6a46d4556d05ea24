package com.ptsl.sink.support;

import com.ptsl.sandbox.sl.SeedSpec;
import com.ptsl.sandbox.sl.SlSandbox;
import com.ptsl.sandbox.sl.SlTcpEndpoint;
import com.ptsl.sandbox.sl.release.ReleaseResult;

import java.util.UUID;

/** A fresh in-memory SL sandbox (H2, MSSQLServer mode) seeded with the default customers and open invoices. */
public final class H2SlSandboxDatabase implements TestSlDatabase {

    private final SlSandbox sandbox;

    private H2SlSandboxDatabase(SlSandbox sandbox) {
        this.sandbox = sandbox;
    }

    public static H2SlSandboxDatabase seeded() {
        String name = "sink_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return new H2SlSandboxDatabase(SlSandbox.inMemory(name).seed(SeedSpec.defaults()));
    }

    /** The same database over H2's TCP server, which a test can stop and start again; {@link #jdbcUrl()} stays in-process. */
    public SlTcpEndpoint serveTcp() {
        return sandbox.serveTcp();
    }

    /** The sandbox's AR release (pp_08400 emulation) of one batch, as SL's 08.400 would release it. */
    public ReleaseResult release(String batNbr) {
        return sandbox.release(batNbr);
    }

    @Override
    public String jdbcUrl() {
        return sandbox.jdbcUrl();
    }

    @Override
    public String user() {
        return sandbox.user();
    }

    @Override
    public String password() {
        return sandbox.password();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
