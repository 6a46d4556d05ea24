package com.ptsl.gateway.poll;

/**
 * Builds a Luhn-valid 16-digit number at run time, so tests outside the scrubber's own need no literal card number.
 * The 999 prefix belongs to no card brand.
 */
public final class SyntheticPan {

    private SyntheticPan() {
    }

    public static String of(long seed) {
        String body = String.format("999%012d", Math.floorMod(seed, 1_000_000_000_000L));
        for (int check = 0; check <= 9; check++) {
            String candidate = body + check;
            if (com.ptsl.gateway.pci.Luhn.isValid(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("unreachable: one check digit always fits");
    }
}
