package com.ptsl.service.config;

/** A missing or malformed environment variable; the message starts with the variable's name. */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + " " + problem);
        this.variable = variable;
    }

    public ConfigException(String variable, String problem, Throwable cause) {
        super(variable + " " + problem, cause);
        this.variable = variable;
    }

    /** The variable at fault. */
    public String variable() {
        return variable;
    }
}
