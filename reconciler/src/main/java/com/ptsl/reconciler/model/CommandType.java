package com.ptsl.reconciler.model;

/**
 * The ErpCommand payloads the reconciler looks at, with the commandId prefix the stream processor gives each
 * ({@code PostPayment:<tx>}, …; schemas contract). A re-post made by {@code --redrive} is {@code <id>:repost-<n>}.
 */
public enum CommandType {
    POST_PAYMENT("PostPayment"),
    APPLY_PAYMENT("ApplyPayment"),
    REVERSE_PAYMENT("ReversePayment"),
    POST_REFUND("PostRefund"),
    CLOSE_DEPOSIT("CloseDeposit"),
    OTHER("");

    /** What separates an original commandId from the number of its re-post. */
    public static final String REPOST_MARK = ":repost-";

    private final String wireName;

    CommandType(String wireName) {
        this.wireName = wireName;
    }

    /** The payload's name, as in ErpResult.commandType and PTSL_CommandLedger.CommandType. */
    public String wireName() {
        return wireName;
    }

    /** The processor's id for this type of command of transaction {@code tx}. */
    public String canonicalId(String tx) {
        return wireName + ":" + tx;
    }

    /** The type a commandId (or a ledger CommandType value) names, OTHER when none. */
    public static CommandType of(String commandIdOrName) {
        if (commandIdOrName == null) {
            return OTHER;
        }
        for (CommandType t : values()) {
            if (t != OTHER && (commandIdOrName.equals(t.wireName) || commandIdOrName.startsWith(t.wireName + ":"))) {
                return t;
            }
        }
        return OTHER;
    }

    /** The original a re-post id was made from; the id itself when it is not a re-post. */
    public static String originalOf(String commandId) {
        int mark = commandId.indexOf(REPOST_MARK);
        return mark < 0 ? commandId : commandId.substring(0, mark);
    }

    public static boolean isRepost(String commandId) {
        return commandId.contains(REPOST_MARK);
    }
}
