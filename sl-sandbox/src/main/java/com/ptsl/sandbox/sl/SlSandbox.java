package com.ptsl.sandbox.sl;

import com.ptsl.sandbox.sl.release.ArRelease;
import com.ptsl.sandbox.sl.release.ReleaseResult;
import com.ptsl.sandbox.sl.release.ReleaseSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An embedded Microsoft Dynamics SL database: H2 in SQL Server mode with SL's own table and column names,
 * types, NOT NULL columns, defaults, primary keys and indexes for sixteen AR/GL/CA tables (schema dbo).
 * <p>Differences from SQL Server that matter to callers: char(n) reads back blank-padded (compare with
 * {@code =}, which ignores trailing blanks, or RTRIM in Java); smalldatetime keeps seconds unless rounded in
 * code; tstamp is a bigint that changes only when an UPDATE changes the row; a list of two or more literals
 * ({@code BatNbr IN ('000101', '000102')}, or the same as ORed equalities) never matches a char(n) value
 * shorter than n, so bind parameters instead. See sl-sandbox/README.md.
 */
public final class SlSandbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SlSandbox.class);

    /** SQL Server semantics: unquoted names keep their case and match case-insensitively, like SL's collation. */
    static final String H2_OPTIONS = "MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE";
    private static final String MEMORY_OPTIONS = "DB_CLOSE_DELAY=-1;" + H2_OPTIONS;
    private static final String USER = "sa";
    private static final String PASSWORD = "";

    private final String url;
    /** H2's name of the database after the host part of a URL, e.g. {@code mem:it}; null for a file database. */
    private final String memoryName;
    private final List<SlTcpEndpoint> endpoints = new CopyOnWriteArrayList<>();
    private final InvoiceEntry invoiceEntry = new InvoiceEntry(this::connect);
    private final ArRelease arRelease = new ArRelease(this::connect);
    private final List<ReleaseSchedule> schedules = new CopyOnWriteArrayList<>();
    /** Held open for the sandbox's lifetime: it keeps a file database open between callers' connections. */
    private final Connection keeper;
    private volatile boolean closed;

    private SlSandbox(String url, String memoryName) {
        this.url = url;
        this.memoryName = memoryName;
        try {
            this.keeper = DriverManager.getConnection(url, USER, PASSWORD);
        } catch (SQLException e) {
            throw new SlSandboxException("cannot open " + url, e);
        }
        try {
            if (!SlSchema.exists(keeper)) {
                SlSchema.create(keeper);
                log.info("Created the SL schema ({} tables) in {}", SlTables.ALL.size(), url);
            }
        } catch (SQLException e) {
            closeQuietly();
            throw new SlSandboxException("cannot create the SL schema in " + url, e);
        }
    }

    /** A private in-memory database {@code name}; it lives until {@link #close()} (DB_CLOSE_DELAY=-1). */
    public static SlSandbox inMemory(String name) {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("in-memory database name must be [A-Za-z0-9_-]+, was '" + name + "'");
        }
        return new SlSandbox("jdbc:h2:mem:" + name + ";" + MEMORY_OPTIONS, "mem:" + name);
    }

    /**
     * A database in {@code dir/sl.mv.db}, created (with its schema) if absent and reused as is otherwise.
     * AUTO_SERVER lets a second process (e.g. SlSandboxMain or an SQL console) open it while this one runs.
     */
    public static SlSandbox fileBacked(Path dir) {
        Objects.requireNonNull(dir, "dir");
        Path absolute = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + absolute, e);
        }
        String path = absolute.resolve("sl").toString().replace('\\', '/');
        if (path.contains(";")) {
            throw new IllegalArgumentException("the database path must not contain ';': " + path);
        }
        return new SlSandbox("jdbc:h2:file:" + path + ";AUTO_SERVER=TRUE;" + H2_OPTIONS, null);
    }

    public String jdbcUrl() {
        return url;
    }

    public String user() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    /** A new connection (auto-commit on); the caller closes it. */
    public Connection connect() throws SQLException {
        if (closed) {
            throw new IllegalStateException("SL sandbox is closed: " + url);
        }
        return DriverManager.getConnection(url, USER, PASSWORD);
    }

    /** Seeds setup, reference, customer and invoice data, but only into a database with no rows at all. */
    public SlSandbox seed(SeedSpec spec) {
        Objects.requireNonNull(spec, "spec");
        try (Connection c = connect()) {
            if (SlSeeder.seedIfEmpty(c, spec)) {
                log.info("Seeded SL sandbox {}: {} customers x {} invoices", url, spec.customers(), spec.invoicesPerCustomer());
            } else {
                log.info("SL sandbox {} already holds data; not seeding", url);
            }
        } catch (SQLException e) {
            throw new SlSandboxException("seeding failed", e);
        }
        return this;
    }

    /**
     * Enters and releases one invoice as an SL user does (screen 08.010, then AR release): the next RefNbr from
     * ARSetup.LastRefNbr and the next batch number from ARSetup.LastBatNbr, taken under the ARSetup row lock, in
     * one transaction with the released batch, the open ARDoc (DocBal = OrigDocAmt), its sales line, the GL lines
     * and the customer's AR_Balances. Thread-safe.
     *
     * @return the new invoice's RefNbr as SL stores it, e.g. "0000010321"
     * @throws IllegalArgumentException for an unknown or inactive customer (nothing is written)
     */
    public String enterInvoice(NewInvoice invoice) {
        Objects.requireNonNull(invoice, "invoice");
        return invoiceEntry.enter(invoice);
    }

    /**
     * Releases one AR batch as SL's AR release (08.400, {@code pp_08400}) would: 08030 payment applications, 08010
     * invoices and memos, 08240 NS reversals. Refused batches are left unchanged except Status 'S', with SL's
     * message numbers in the result. See {@link ArRelease}.
     *
     * @throws IllegalArgumentException when there is no AR batch {@code batNbr}
     */
    public ReleaseResult release(String batNbr) {
        return arRelease.release(batNbr);
    }

    /** Releases every AR batch in Status 'B', oldest first; batches on hold ('H') are left alone. */
    public List<ReleaseResult> releaseAll() {
        return arRelease.releaseAll();
    }

    /**
     * Runs {@link #releaseAll()} every {@code interval} on a daemon thread until the returned handle or the sandbox
     * is closed, as a site schedules SL's AR release; each run that found batches logs one line with its counts.
     */
    public AutoCloseable releaseEvery(Duration interval) {
        if (closed) {
            throw new IllegalStateException("SL sandbox is closed: " + url);
        }
        ReleaseSchedule schedule = new ReleaseSchedule(arRelease, interval);
        schedules.add(schedule);
        return () -> {
            schedules.remove(schedule);
            schedule.close();
        };
    }

    /** Released, open IN documents with DocBal > 0, by customer and RefNbr. */
    public List<OpenInvoice> openInvoices() {
        return queries().openInvoices();
    }

    public SlQueries queries() {
        return new SlQueries(this::connect);
    }

    /**
     * Serves this in-memory database over H2's TCP server on a free port, so that it can be taken away
     * from its clients and brought back ({@link SlTcpEndpoint}); stopped by {@link #close()} at the latest.
     * A file database is already reachable by other processes through AUTO_SERVER, so it has none.
     */
    public SlTcpEndpoint serveTcp() {
        if (memoryName == null) {
            throw new IllegalStateException("only an in-memory sandbox is served over TCP; a file database has AUTO_SERVER: " + url);
        }
        if (closed) {
            throw new IllegalStateException("SL sandbox is closed: " + url);
        }
        SlTcpEndpoint endpoint = new SlTcpEndpoint(memoryName, MEMORY_OPTIONS);
        endpoints.add(endpoint);
        return endpoint;
    }

    /** Idempotent. An in-memory database is dropped (SHUTDOWN); a file database stays on disk. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        schedules.forEach(ReleaseSchedule::close);
        endpoints.forEach(SlTcpEndpoint::stop);
        if (memoryName != null) {
            try (Statement st = keeper.createStatement()) {
                st.execute("SHUTDOWN");
            } catch (SQLException e) {
                log.warn("SHUTDOWN of {} failed: {}", url, e.getMessage());
            }
        }
        closeQuietly();
    }

    private void closeQuietly() {
        try {
            keeper.close();
        } catch (SQLException e) {
            log.warn("closing {} failed: {}", url, e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "SlSandbox[" + url + "]";
    }
}
