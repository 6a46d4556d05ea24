package com.ptsl.service.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Typed reads of environment variables, each against its declared {@link Variable}: the default comes from the
 * declaration, and every error is a {@link ConfigException} whose message starts with the variable's name and
 * says what was expected and what was found (never the value of a secret).
 *
 * <p>Values are trimmed, except secrets (a password may end in a space). A blank value counts as unset.
 */
public final class Env {

    private final Map<String, String> values;

    private Env(Map<String, String> values) {
        this.values = Objects.requireNonNull(values, "values");
    }

    /** Usually {@code Env.of(System.getenv())}; tests and the launcher pass a map. */
    public static Env of(Map<String, String> values) {
        return new Env(values);
    }

    /** The text, or the declared default; throws if a required variable is unset. Empty if optional and unset. */
    public String text(Variable v) {
        String raw = values.get(v.name());
        if (raw != null && !raw.isBlank()) {
            return v.secret() ? raw : raw.trim();
        }
        if (v.isRequired()) {
            throw new ConfigException(v.name(), "is required but not set (" + v.description() + ")");
        }
        return v.defaultValue();
    }

    /** Text of at most {@code max} characters, not empty. */
    public String text(Variable v, int max) {
        String value = text(v);
        if (value.isEmpty() || value.length() > max) {
            throw new ConfigException(v.name(), "must be 1.." + max + " characters, was " + shown(v, value));
        }
        return value;
    }

    /** A whole number in [min, max]. */
    public long longValue(Variable v, long min, long max) {
        String value = text(v);
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(v.name(), expected(min, max) + ", was " + shown(v, value), e);
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException(v.name(), expected(min, max) + ", was " + parsed);
        }
        return parsed;
    }

    public int intValue(Variable v, int min, int max) {
        return (int) longValue(v, min, max);
    }

    /** A whole number of at least 1. */
    public long positiveLong(Variable v) {
        return longValue(v, 1, Long.MAX_VALUE);
    }

    public int positiveInt(Variable v) {
        return (int) longValue(v, 1, Integer.MAX_VALUE);
    }

    /** A positive number of milliseconds. */
    public Duration millis(Variable v) {
        return Duration.ofMillis(positiveLong(v));
    }

    /** A TCP port, 0..65535 (0 = any free port). */
    public int port(Variable v) {
        return intValue(v, 0, 65_535);
    }

    /** An http or https URL with a host. */
    public URI httpUrl(Variable v) {
        String value = text(v);
        try {
            URI uri = new URI(value);
            if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new ConfigException(v.name(), "must be an http(s) URL with a host, was " + shown(v, value));
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigException(v.name(), "is not a valid URL: " + shown(v, value), e);
        }
    }

    public ZoneId zone(Variable v) {
        String value = text(v);
        try {
            return ZoneId.of(value);
        } catch (DateTimeException e) {
            throw new ConfigException(v.name(), "is not a time zone id (e.g. America/Los_Angeles): " + shown(v, value), e);
        }
    }

    public Path path(Variable v) {
        String value = text(v);
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new ConfigException(v.name(), "is not a valid path: " + shown(v, value), e);
        }
    }

    /** One of a closed list of words, compared exactly. */
    public String oneOf(Variable v, Collection<String> allowed) {
        String value = text(v);
        if (!allowed.contains(value)) {
            throw new ConfigException(v.name(), "must be one of " + String.join(", ", allowed) + ", was " + shown(v, value));
        }
        return value;
    }

    /** The value converted by {@code parser}; its IllegalArgumentException becomes a message naming the variable. */
    public <T> T parsed(Variable v, Function<String, T> parser) {
        String value = text(v);
        try {
            return parser.apply(value);
        } catch (ConfigException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(v.name(), "is not valid: " + e.getMessage(), e);
        }
    }

    private static String expected(long min, long max) {
        if (max >= Integer.MAX_VALUE) {
            return min == 1 ? "must be a positive whole number" : "must be a whole number of at least " + min;
        }
        return "must be a whole number between " + min + " and " + max;
    }

    private static String shown(Variable v, String value) {
        return v.secret() ? "(a secret, not shown)" : "'" + value + "'";
    }
}
