package com.ptsl.sandbox.sl.release;

import java.util.Objects;

/**
 * Why AR release refused a batch: SL's message number (what SL writes to WrkReleaseBad.MsgID) and a text.
 * {@code invented} marks numbers the reference does not give (the 90xxx range, listed in
 * docs/sandbox-inventions.md); a real SL reports such a case with a number of its own or not at all.
 */
public record ReleaseMessage(int number, String text, boolean invented) {

    public ReleaseMessage {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public String toString() {
        return number + (invented ? " (sandbox)" : "") + ": " + text;
    }
}
