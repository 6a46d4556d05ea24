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
        String digits = masked.replaceAll("\\D", "");
        if (digits.isEmpty()) {
            return "";
        }
        String lastFour = digits.length() <= 4 ? digits : digits.substring(digits.length() - 4);
        return "************" + lastFour;
    }
}
