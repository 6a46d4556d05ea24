package com.ptsl.sandbox.sl;

import java.sql.SQLException;

/** An SQL failure inside the sandbox's convenience API (which does not declare SQLException). */
public final class SlSandboxException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SlSandboxException(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
