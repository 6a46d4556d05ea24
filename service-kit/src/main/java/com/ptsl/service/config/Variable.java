package com.ptsl.service.config;

import java.util.List;
import java.util.Objects;

/**
 * One environment variable a service reads: its name, its default and what it means. Declared once per
 * service, so {@code --help}, the error messages and the defaults cannot drift apart.
 *
 * @param name         e.g. {@code GATEWAY_POLL_INTERVAL_MS}
 * @param defaultValue the value when unset or blank; null = required, "" = optional without a default
 * @param description  one line for {@code --help}
 * @param secret       never printed: not in help defaults, not in error messages
 */
public record Variable(String name, String defaultValue, String description, boolean secret) {

    public Variable {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
    }

    /** A variable with a default. */
    public static Variable of(String name, String defaultValue, String description) {
        return new Variable(name, Objects.requireNonNull(defaultValue, "defaultValue"), description, false);
    }

    /** A variable that must be set. */
    public static Variable required(String name, String description) {
        return new Variable(name, null, description, false);
    }

    /** A variable that may be left unset; no default. */
    public static Variable optional(String name, String description) {
        return new Variable(name, "", description, false);
    }

    /** A password or token: value never printed. Null default = required. */
    public static Variable secret(String name, String defaultValue, String description) {
        return new Variable(name, defaultValue, description, true);
    }

    public boolean isRequired() {
        return defaultValue == null;
    }

    /** The variables aligned in two columns, one a line, for {@code --help} and docs/configuration.md. */
    public static String help(List<Variable> variables) {
        int width = variables.stream().mapToInt(v -> v.name().length()).max().orElse(0) + 3;
        StringBuilder out = new StringBuilder();
        for (Variable v : variables) {
            String dflt = v.isRequired() ? "required" : v.defaultValue().isEmpty() ? "optional" : "default " + v.defaultValue();
            out.append("  ").append(String.format("%-" + width + "s", v.name())).append(v.description())
                    .append(" (").append(dflt).append(')').append(System.lineSeparator());
        }
        return out.toString();
    }
}
