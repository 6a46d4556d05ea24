package com.ptsl.sink.sql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * {@code IN (?, ?, ...)} lists of bind parameters, cut into chunks: SQL Server takes at most 2100 parameters per
 * statement, and H2 never matches a list of literals against a char(n) column (sl-sandbox/README.md), so
 * values are always bound.
 */
public final class InLists {

    public static final int CHUNK = 200;

    private InLists() {
    }

    /** {@code "?, ?, ?"} for {@code n} values. */
    public static String marks(int n) {
        StringBuilder out = new StringBuilder(n * 3);
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "?" : ", ?");
        }
        return out.toString();
    }

    public static <T> List<List<T>> chunks(Collection<T> values) {
        List<List<T>> out = new ArrayList<>();
        List<T> current = new ArrayList<>(Math.min(CHUNK, values.size()));
        for (T v : values) {
            current.add(v);
            if (current.size() == CHUNK) {
                out.add(current);
                current = new ArrayList<>(CHUNK);
            }
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }
}
