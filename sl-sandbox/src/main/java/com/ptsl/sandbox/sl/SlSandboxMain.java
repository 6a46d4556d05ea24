package com.ptsl.sandbox.sl;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

/**
 * Command line: create (and optionally seed) a file-backed SL sandbox and print what it holds.
 * <pre>java -cp ... com.ptsl.sandbox.sl.SlSandboxMain --dir ./data/sl --seed</pre>
 */
public final class SlSandboxMain {

    static final String USAGE = String.join("\n",
            "Usage: SlSandboxMain [--dir <path>] [--seed] [seed options]",
            "  Opens (creating if absent) a file-backed Dynamics SL sandbox (H2, SQL Server mode) and prints a summary.",
            "  --dir <path>           database directory (default ./data/sl); the file is <path>/sl.mv.db",
            "  --seed                 seed setup, customers and open invoices if the database is empty",
            "  --cpny <id>            company id (default PTSL)",
            "  --customers <n>        number of customers (default 20)",
            "  --invoices <n>         open invoices per customer (default 5)",
            "  --random-seed <n>      random seed (default 42)",
            "  --period <yyyy-mm>     current GL/AR period (default this month)",
            "  --help                 this text");

    private SlSandboxMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The whole program, minus System.exit, for tests. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = Path.of("data", "sl");
        boolean seed = false;
        SeedSpec spec = SeedSpec.defaults();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    case "--seed" -> seed = true;
                    case "--dir" -> dir = Path.of(value(args, ++i, arg));
                    case "--cpny" -> spec = spec.withCpnyId(value(args, ++i, arg));
                    case "--customers" -> spec = spec.withCustomers(Integer.parseInt(value(args, ++i, arg)));
                    case "--invoices" -> spec = spec.withInvoicesPerCustomer(Integer.parseInt(value(args, ++i, arg)));
                    case "--random-seed" -> spec = spec.withRandomSeed(Long.parseLong(value(args, ++i, arg)));
                    case "--period" -> spec = spec.withCurrentPeriod(YearMonth.parse(value(args, ++i, arg)));
                    default -> throw new IllegalArgumentException("unknown option " + arg);
                }
            }
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        try (SlSandbox sl = SlSandbox.fileBacked(dir)) {
            if (seed) {
                sl.seed(spec);
            }
            printSummary(sl, out);
            return 0;
        } catch (RuntimeException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static void printSummary(SlSandbox sl, PrintStream out) {
        SlQueries q = sl.queries();
        List<OpenInvoice> open = sl.openInvoices();
        BigDecimal total = open.stream().map(OpenInvoice::docBal).reduce(BigDecimal.ZERO, BigDecimal::add);
        out.println("SL sandbox " + sl.jdbcUrl() + " (user " + sl.user() + ")");
        out.println("Tables: " + SlTables.ALL.size());
        for (String table : SlTables.ALL) {
            out.printf("  %-12s %8d rows%n", table, q.count(table));
        }
        out.println("Customers: " + q.count("Customer"));
        out.println("Open invoices: " + open.size());
        out.println("Total open balance: " + total.toPlainString());
    }
}
