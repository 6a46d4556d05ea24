package com.ptsl.sink.posting;

import java.sql.SQLException;

/**
 * The SL database itself is not set up the way posting needs (no ARSetup row, a broken fiscal
 * calendar). Not the command's fault, so it never turns into a REJECTED result: the poll batch is
 * retried until someone fixes the setup.
 */
public final class SlSetupException extends SQLException {

    private static final long serialVersionUID = 1L;

    public SlSetupException(String message) {
        super(message, "PTSL1");
    }

    public SlSetupException(String message, Throwable cause) {
        super(message, "PTSL1", cause);
    }
}
