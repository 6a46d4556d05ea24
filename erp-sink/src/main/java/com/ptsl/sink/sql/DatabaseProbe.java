package com.ptsl.sink.sql;

import com.ptsl.service.health.Check;
import com.ptsl.sink.sql.dialect.SqlDialect;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The "database" readiness check: can the SL database be reached right now? Each probe opens its own
 * short-lived connection; the consumer thread's connection is not thread-safe and may be mid-transaction.
 *
 * <p>Probes run on one thread of their own and callers wait at most {@link #TIMEOUT_SECONDS}: a driver
 * that hangs holds that one thread, and concurrent /health/ready requests share the probe in flight
 * instead of piling up behind it.
 */
public final class DatabaseProbe implements Check, AutoCloseable {

    public static final int TIMEOUT_SECONDS = 2;
    private static final String FAILING = "SL database did not answer within " + TIMEOUT_SECONDS + " s: ";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final SqlDialect dialect;
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "erp-sink-db-probe");
        t.setDaemon(true);
        return t;
    });
    private Future<Result> inFlight;

    public DatabaseProbe(String jdbcUrl, String user, String password) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.dialect = SqlDialect.forJdbcUrl(jdbcUrl);
    }

    @Override
    public Result check() {
        try {
            return probe().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return Result.failing(FAILING + "no reply yet (the probe is still waiting)");
        } catch (ExecutionException e) {
            return Result.failing(FAILING + describe(e.getCause()));
        } catch (RejectedExecutionException e) {
            return Result.failing("erp-sink is shutting down; the database is no longer probed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failing(FAILING + "interrupted");
        }
    }

    private synchronized Future<Result> probe() {
        if (inFlight == null || inFlight.isDone()) {
            inFlight = executor.submit(this::connectAndValidate);
        }
        return inFlight;
    }

    private Result connectAndValidate() {
        Properties props = dialect.connectTimeout(TIMEOUT_SECONDS);
        if (!user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (!password.isEmpty()) {
            props.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl, props)) {
            return c.isValid(TIMEOUT_SECONDS) ? Result.ok("SL database answered (" + dialect.name() + ")")
                    : Result.failing(FAILING + "the connection opened but did not validate");
        } catch (SQLException | RuntimeException e) {
            return Result.failing(FAILING + describe(e));
        }
    }

    /** Class and message, with anything that looks like the password taken out (drivers may echo the URL). */
    private String describe(Throwable e) {
        String message = String.valueOf(e.getMessage()).replaceAll("(?i)password=[^;]*", "password=***");
        if (!password.isEmpty()) {
            message = message.replace(password, "***");
        }
        return e.getClass().getName() + ": " + message;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
