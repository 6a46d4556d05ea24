package com.ptsl.service.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * One Prometheus text exposition (format 0.0.4), parsed into samples. The launcher's summary, {@code ptsl status}
 * and every test that checks a service's figures read the meters through this, i.e. through {@code /metrics}
 * itself, the text Prometheus scrapes.
 */
public final class Scrape {

    /** One line of the exposition: {@code name{labels} value}. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Scrape(List<Sample> samples) {
        this.samples = List.copyOf(samples);
    }

    /** Parses the text; throws IllegalArgumentException naming the line that is not a sample. */
    public static Scrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        int lineNo = 0;
        for (String line : text.split("\n")) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(sample(line));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("line " + lineNo + " is not a Prometheus sample: " + line, e);
            }
        }
        return new Scrape(samples);
    }

    public List<Sample> samples() {
        return samples;
    }

    /** Every sample name (histogram series keep their _bucket/_count/_sum suffixes). */
    public Set<String> names() {
        Set<String> names = new TreeSet<>();
        samples.forEach(s -> names.add(s.name()));
        return names;
    }

    /** The samples of {@code name} whose labels include all {@code labelPairs} ("k", "v", "k2", "v2"...). */
    public List<Sample> samples(String name, String... labelPairs) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.name().equals(name) && matches(s.labels(), labelPairs)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The value of the one series {@code name} with these labels; throws naming what was found if not exactly one. */
    public double value(String name, String... labelPairs) {
        List<Sample> found = samples(name, labelPairs);
        if (found.size() != 1) {
            throw new IllegalStateException("expected one series " + name + " " + List.of(labelPairs) + ", found " + found);
        }
        return found.get(0).value();
    }

    /** The sum over the matching samples; empty when there is none. */
    public OptionalDouble sum(String name, String... labelPairs) {
        List<Sample> found = samples(name, labelPairs);
        return found.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(found.stream().mapToDouble(Sample::value).sum());
    }

    /** The sum over the matching samples, 0 when there is none: for counters that were never touched. */
    public double total(String name, String... labelPairs) {
        return sum(name, labelPairs).orElse(0);
    }

    /** The matching samples' values keyed by one label's value, e.g. commands by result. */
    public Map<String, Double> by(String name, String label) {
        Map<String, Double> out = new TreeMap<>();
        for (Sample s : samples(name)) {
            out.merge(s.labels().getOrDefault(label, ""), s.value(), Double::sum);
        }
        return out;
    }

    /**
     * The q-quantile of histogram {@code base} (its {@code base_bucket} series, summed over other labels), by linear
     * interpolation inside the bucket as PromQL's histogram_quantile does; empty without observations.
     */
    public OptionalDouble quantile(String base, double q) {
        Map<Double, Double> cumulative = new TreeMap<>();
        for (Sample s : samples(base + "_bucket")) {
            String le = s.labels().get("le");
            double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
            cumulative.merge(bound, s.value(), Double::sum);
        }
        if (cumulative.isEmpty()) {
            return OptionalDouble.empty();
        }
        double count = ((TreeMap<Double, Double>) cumulative).lastEntry().getValue();
        if (count <= 0) {
            return OptionalDouble.empty();
        }
        double rank = q * count;
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return OptionalDouble.of(lowerBound); // above the highest finite bucket: its bound is all we know
                }
                double inBucket = bucket.getValue() - lowerCount;
                double fraction = inBucket == 0 ? 1 : (rank - lowerCount) / inBucket;
                return OptionalDouble.of(lowerBound + (bucket.getKey() - lowerBound) * fraction);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return OptionalDouble.of(lowerBound);
    }

    private static boolean matches(Map<String, String> labels, String... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (!pairs[i + 1].equals(labels.get(pairs[i]))) {
                return false;
            }
        }
        return true;
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.indexOf(' ');
        if (brace < 0 || (space >= 0 && space < brace)) {
            String[] parts = line.trim().split("\\s+");
            return new Sample(parts[0], Map.of(), number(parts[1]));
        }
        String name = line.substring(0, brace);
        Map<String, String> labels = new LinkedHashMap<>();
        int i = brace + 1;
        while (line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2; // past ="
            for (; line.charAt(j) != '"'; j++) {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
            }
            labels.put(key, value.toString());
            i = j + 1;
            if (line.charAt(i) == ',') {
                i++;
            }
        }
        String rest = line.substring(i + 1).trim();
        return new Sample(name, Collections.unmodifiableMap(labels), number(rest.split("\\s+")[0]));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
