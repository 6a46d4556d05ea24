package com.ptsl.reconciler.log;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Reads a PayTrace export record with Jackson's streaming parser, keeping only the fields {@link ExpectedCash} needs: one
 * pass, no tree, nothing else retained (a window can hold a million records). Lenient where PayTrace's format is loose
 * (numbers or numeric strings, missing texts), strict where a guess would misstate money: an amount that is not a
 * number of at most 2 decimals, or a record without transaction_id, is unreadable.
 */
public final class PayTraceRecordParser {

    private static final JsonFactory JSON = new JsonFactory();

    private PayTraceRecordParser() {
    }

    /** @throws IllegalArgumentException naming what is unreadable */
    public static PayTraceRecord parse(String json) {
        String id = null;
        String type = "";
        String status = "";
        String message = "";
        String approval = "";
        String csc = "";
        int responseCode = PayTraceRecord.NO_RESPONSE_CODE;
        Long cents = null;
        LocalDate day = null;
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("json is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "transaction_id":
                        id = scalar(p, value);
                        break;
                    case "transaction_type":
                        type = scalar(p, value);
                        break;
                    case "status_code":
                        status = scalar(p, value);
                        break;
                    case "status_message":
                        message = scalar(p, value);
                        break;
                    case "approval_message":
                        approval = scalar(p, value);
                        break;
                    case "csc_response":
                        csc = scalar(p, value);
                        break;
                    case "response_code":
                        responseCode = responseCode(scalar(p, value));
                        break;
                    case "amount":
                        cents = cents(p, value);
                        break;
                    case "created":
                        day = createdDay(p, value);
                        break;
                    default:
                        p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("json is not valid JSON: " + e.getClass().getSimpleName());
        }
        if (id == null || id.isEmpty()) {
            throw new IllegalArgumentException("transaction_id is missing");
        }
        if (cents == null) {
            throw new IllegalArgumentException("amount is missing");
        }
        return new PayTraceRecord(id, type, status, message, approval, csc, responseCode, cents, day);
    }

    /** A text or number as trimmed text; null → ""; an object or array is skipped as "". */
    private static String scalar(JsonParser p, JsonToken value) throws IOException {
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
            p.skipChildren();
            return "";
        }
        if (value == JsonToken.VALUE_NULL) {
            return "";
        }
        return p.getText().strip();
    }

    private static int responseCode(String text) {
        if (text.isEmpty() || text.length() > 6 || !text.chars().allMatch(Character::isDigit)) {
            return PayTraceRecord.NO_RESPONSE_CODE;
        }
        return Integer.parseInt(text);
    }

    private static long cents(JsonParser p, JsonToken value) throws IOException {
        BigDecimal amount;
        if (value == JsonToken.VALUE_NUMBER_INT || value == JsonToken.VALUE_NUMBER_FLOAT) {
            amount = p.getDecimalValue();
        } else if (value == JsonToken.VALUE_STRING) {
            try {
                amount = new BigDecimal(p.getText().strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("amount is not a number");
            }
        } else {
            p.skipChildren();
            throw new IllegalArgumentException("amount is not a number");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new IllegalArgumentException("amount has more than 2 decimal places");
        }
        try {
            return amount.movePointRight(2).longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("amount is too large");
        }
    }

    /** The day of {@code created.at}; the time of day does not matter to the reconciler. */
    private static LocalDate createdDay(JsonParser p, JsonToken value) throws IOException {
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        LocalDate day = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            if (field.equals("at") && v == JsonToken.VALUE_STRING) {
                day = day(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return day;
    }

    /** {@code M/D/YYYY h:mm:ss AM}: the date is everything before the first blank. */
    static LocalDate day(String createdAt) {
        String text = createdAt.strip();
        int blank = text.indexOf(' ');
        String date = blank < 0 ? text : text.substring(0, blank);
        String[] parts = date.split("/");
        if (parts.length != 3) {
            return null;
        }
        try {
            return LocalDate.of(Integer.parseInt(parts[2]), Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
        } catch (NumberFormatException | DateTimeException e) {
            return null;
        }
    }
}
