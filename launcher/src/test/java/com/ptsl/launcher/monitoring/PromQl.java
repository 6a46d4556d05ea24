package com.ptsl.launcher.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Pulls the metric names out of PromQL expressions, and the expressions out of a dashboard or a rules file. */
public final class PromQl {

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
            "group_left", "group_right", "bool", "offset", "inf", "nan", "le");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQl() {
    }

    /** Metric names an expression selects: identifiers that are not functions, keywords, labels or durations. */
    public static Set<String> metricNames(String expr) {
        String s = expr.replaceAll("\\$\\{?\\w+}?", " ")       // Grafana variables ($__rate_interval)
                .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"")      // string literals
                .replaceAll("\\{[^}]*}", " ")                     // label matchers
                .replaceAll("\\[[^]]*]", " ")                     // ranges and subqueries
                .replaceAll("(?i)\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(s);
        while (m.find()) {
            String word = m.group();
            int after = m.end();
            while (after < s.length() && Character.isWhitespace(s.charAt(after))) {
                after++;
            }
            boolean isFunction = after < s.length() && s.charAt(after) == '(';
            boolean partOfNumber = m.start() > 0 && (Character.isDigit(s.charAt(m.start() - 1)) || s.charAt(m.start() - 1) == '.');
            if (!isFunction && !partOfNumber && !KEYWORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** Every {@code expr} of every panel target of a Grafana dashboard, rows and nested panels included. */
    public static List<String> dashboardExpressions(Path dashboard) throws IOException {
        List<String> exprs = new ArrayList<>();
        collect(new ObjectMapper().readTree(dashboard.toFile()), exprs);
        return exprs;
    }

    private static void collect(JsonNode node, List<String> exprs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("expr") && e.getValue().isTextual()) {
                    exprs.add(e.getValue().asText());
                } else {
                    collect(e.getValue(), exprs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(child, exprs));
        }
    }

    /** Every {@code expr:} of a Prometheus rules file, block scalars ({@code |}, {@code >}) included. */
    public static List<String> ruleExpressions(Path rules) throws IOException {
        List<String> lines = Files.readAllLines(rules);
        List<String> exprs = new ArrayList<>();
        Pattern exprLine = Pattern.compile("^(\\s*)(- )?expr:\\s*(.*)$");
        for (int i = 0; i < lines.size(); i++) {
            Matcher m = exprLine.matcher(lines.get(i));
            if (!m.matches()) {
                continue;
            }
            String value = m.group(3).trim();
            if (value.matches("[|>][-+]?")) {
                int indent = m.group(1).length();
                StringBuilder block = new StringBuilder();
                while (i + 1 < lines.size() && (lines.get(i + 1).isBlank() || leading(lines.get(i + 1)) > indent)) {
                    block.append(lines.get(++i).trim()).append(' ');
                }
                exprs.add(block.toString().trim());
            } else {
                exprs.add(value.replaceAll("^(['\"])(.*)\\1$", "$2"));
            }
        }
        return exprs;
    }

    private static int leading(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return n;
    }
}
