package com.ptsl.sandbox.paytrace.transactions;

/** Card number checks and masks. Static and side-effect free: nothing here keeps a number. */
public final class CardChecks {

    private CardChecks() {
    }

    /** Digits only, 12..19 long (the ISO/IEC 7812 range), passing the Luhn check. */
    public static boolean validNumber(String number) {
        if (number == null || number.length() < 12 || number.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean doubleIt = false;
        for (int i = number.length() - 1; i >= 0; i--) {
            char c = number.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int digit = c - '0';
            if (doubleIt) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubleIt = !doubleIt;
        }
        return sum % 10 == 0;
    }

    /** Export form, same length as the number: {@code ************5439}. */
    public static String maskForExport(String number) {
        return "*".repeat(number.length() - 4) + number.substring(number.length() - 4);
    }

    /** Transaction replies mask with x instead: {@code xxxxxxxxxxxx5439} (reference §3.1). */
    public static String replyMask(String exportMask) {
        return exportMask.replace('*', 'x');
    }
}
