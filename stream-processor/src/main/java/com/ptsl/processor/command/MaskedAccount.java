package com.ptsl.processor.command;

/**
 * The card number shown in SL: only the last four digits. The gateway already scrubs full card
 * numbers; this is a second guard so that nothing longer than a last-four ever reaches SL, whatever
 * mask format (PayTrace's {@code ****}, {@code xxxx}, or BIN-revealing exports) came in.
 */
final class MaskedAccount {

    private MaskedAccount() {
    }

    static String of(String masked) {
        // The last four ASCII digits, read from the end (was replaceAll("\\D", ""): a regex per command).
        char[] lastFour = new char[4];
        int n = 0;
        for (int i = masked.length() - 1; i >= 0 && n < 4; i--) {
            char c = masked.charAt(i);
            if (c >= '0' && c <= '9') {
                lastFour[3 - n++] = c;
            }
        }
        return n == 0 ? "" : "************" + new String(lastFour, 4 - n, n);
    }
}
