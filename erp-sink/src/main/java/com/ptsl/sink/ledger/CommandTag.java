package com.ptsl.sink.ledger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What an integration 'U' line carries in ARTran.User1 (char(30)) so that the SL feed can say which command
 * wrote it: a PostPayment and later ApplyPayments all write lines under the same payment RefNbr, and the
 * ledger alone only knows the RefNbr. The tag is the ledger key itself when it fits (PostPayment ids do), else
 * {@code #} and 29 hex digits of its SHA-256, which the feed recognises by hashing the candidates.
 */
public final class CommandTag {

    public static final int WIDTH = 30;

    private CommandTag() {
    }

    public static String of(String commandId) {
        return ofLedgerKey(CommandLedger.key(commandId));
    }

    /** Whether a line's tag names the command stored under {@code ledgerKey}. */
    public static boolean matches(String tag, String ledgerKey) {
        return tag != null && !tag.isBlank() && tag.strip().equals(ofLedgerKey(ledgerKey));
    }

    private static String ofLedgerKey(String key) {
        if (key.length() <= WIDTH) {
            return key;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest).substring(0, WIDTH - 1);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JVM", e);
        }
    }
}
