package com.ptsl.reconciler.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A field that holds nothing (null), one item, or an {@code Object[]} of items: most transactions have exactly one
 * document, one command and one ledger row, and an ArrayList for each would cost more than the item itself.
 */
final class Bag {

    private Bag() {
    }

    static Object add(Object bag, Object item) {
        if (item instanceof Object[]) {
            throw new IllegalArgumentException("a bag holds single items");
        }
        if (bag == null) {
            return item;
        }
        if (bag instanceof Object[] items) {
            Object[] more = Arrays.copyOf(items, items.length + 1);
            more[items.length] = item;
            return more;
        }
        return new Object[] {bag, item};
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> list(Object bag) {
        if (bag == null) {
            return List.of();
        }
        if (bag instanceof Object[] items) {
            List<T> out = new ArrayList<>(items.length);
            for (Object o : items) {
                out.add((T) o);
            }
            return Collections.unmodifiableList(out);
        }
        return List.of((T) bag);
    }

    static int size(Object bag) {
        return bag == null ? 0 : bag instanceof Object[] items ? items.length : 1;
    }
}
