package com.ptsl.sandbox.paytrace.errors;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ptsl.sandbox.paytrace.http.Json;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PayTrace's two error shapes (reference §1 and §8) and the error codes the sandbox uses.
 *
 * <p>v1 API errors: {@code {"success":false,"response_code":1,"status_message":"One or more errors has occurred.",
 * "errors":{"35":["..."]},"external_transaction_id":""}} with the code as a string key and a list of messages.
 * OAuth errors: {@code {"error":"invalid_grant","error_description":"..."}} (PayTrace runs Doorkeeper, hence its texts).
 */
public final class PayTraceErrors {

    /** Confirmed codes (reference §8). */
    public static final int CARD_NUMBER = 35;
    public static final int EXPIRATION_MONTH = 43;
    public static final int EXPIRATION_YEAR = 44;
    public static final int TRANSACTION_ID_INVALID = 58;
    public static final int TRANSACTION_NOT_FOUND = 811;
    public static final int NOT_CAPTURABLE = 816;
    public static final int NOT_REFUNDABLE = 817;
    public static final int NOT_VOIDABLE = 818;
    /** 30 is confirmed ("customer id not found or incomplete"); its message text is not, so ours is invented. */
    public static final int CUSTOMER_ID = 30;
    public static final int DUPLICATE_CUSTOMER_ID = 171;

    /**
     * Codes not found in any source: guesses, kept in this one place so a later correction is one edit.
     * The shape of the reply is the confirmed one; only the numbers are invented.
     */
    public static final int AMOUNT = 39;
    public static final int START_DATE = 801;
    public static final int END_DATE = 802;
    public static final int MALFORMED_REQUEST = 1;
    /** Invented: a missing, malformed or unknown {@code batch_number} on the batches endpoints. */
    public static final int BATCH_NUMBER = 803;

    public static final String MSG_CARD_NUMBER = "Please provide a valid Credit Card Number.";
    public static final String MSG_EXPIRATION_MONTH = "Please provide a valid Expiration Month.";
    public static final String MSG_EXPIRATION_YEAR = "Please provide a valid Expiration Year.";
    public static final String MSG_TRANSACTION_ID_INVALID = "Please provide a valid Transaction ID.";
    public static final String MSG_TRANSACTION_NOT_FOUND = "The Transaction ID that you provided was not found.";
    public static final String MSG_AMOUNT = "Please provide a valid Transaction Amount.";
    public static final String MSG_START_DATE = "Please provide a valid Start Date.";
    public static final String MSG_END_DATE = "Please provide a valid End Date.";
    public static final String MSG_NOT_CAPTURABLE = "Only uncaptured, approved authorizations can be captured.";
    public static final String MSG_NOT_REFUNDABLE =
            "Only settled transactions can be refunded. Please void this transaction instead.";
    public static final String MSG_NOT_VOIDABLE = "Only transactions pending settlement can be voided.";
    public static final String MSG_CUSTOMER_ID = "Please provide a valid Customer ID.";
    public static final String MSG_DUPLICATE_CUSTOMER_ID = "Please provide a unique customer ID.";
    /** Invented texts, under the invented code {@link #AMOUNT}: PayTrace's wording for these is not documented. */
    public static final String MSG_CAPTURE_OVER_AUTHORIZED = "The capture amount cannot exceed the authorized amount.";
    public static final String MSG_REFUND_OVER_SETTLED =
            "The refund amount cannot exceed the settled amount not yet refunded on the original transaction.";
    public static final String MSG_BATCH_NUMBER = "Please provide a valid Batch Number.";
    public static final String MSG_BATCH_NOT_FOUND = "The Batch Number that you provided was not found.";

    public static final String STATUS_ERRORS = "One or more errors has occurred.";

    /** Doorkeeper's texts, the server behind PayTrace's /oauth/token. */
    public static final String INVALID_GRANT_DESCRIPTION = "The provided authorization grant is invalid, expired, revoked, "
            + "does not match the redirection URI used in the authorization request, or was issued to another client.";
    public static final String TOKEN_INVALID_DESCRIPTION = "The access token is invalid";
    public static final String TOKEN_EXPIRED_DESCRIPTION = "The access token expired";

    /** Validation errors are non-200 at PayTrace; 400 is the inferred status (reference §8). */
    public static final int VALIDATION_STATUS = 400;

    private PayTraceErrors() {
    }

    /** Collects {@code code -> messages} in insertion order, as one reply may hold several codes. */
    public static final class Collector {
        private final Map<Integer, List<String>> errors = new LinkedHashMap<>();

        public Collector add(int code, String message) {
            errors.computeIfAbsent(code, c -> new java.util.ArrayList<>()).add(message);
            return this;
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        /** Throws the v1 error reply if anything was collected. */
        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new ApiException(VALIDATION_STATUS, v1Body(errors));
            }
        }
    }

    public static ApiException v1(int code, String message) {
        return new ApiException(VALIDATION_STATUS, v1Body(Map.of(code, List.of(message))));
    }

    public static ObjectNode v1Body(Map<Integer, List<String>> errors) {
        ObjectNode body = Json.object();
        body.put("success", false);
        body.put("response_code", 1);
        body.put("status_message", STATUS_ERRORS);
        ObjectNode errorsNode = body.putObject("errors");
        errors.forEach((code, messages) -> {
            ArrayNode list = errorsNode.putArray(Integer.toString(code));
            messages.forEach(list::add);
        });
        body.put("external_transaction_id", "");
        return body;
    }

    /** A malformed body. The message names only the position, never the content (it may hold a card number). */
    public static ApiException malformedBody(String what) {
        return v1(MALFORMED_REQUEST, "The request body could not be read: " + what);
    }

    public static ApiException oauth(int status, String error, String description) {
        ObjectNode body = Json.object();
        body.put("error", error);
        body.put("error_description", description);
        return new ApiException(status, body);
    }

    /** 401 with the RFC 6750 challenge header, as Doorkeeper sends it. */
    public static ApiException invalidToken(String description) {
        ObjectNode body = Json.object();
        body.put("error", "invalid_token");
        body.put("error_description", description);
        String challenge = "Bearer realm=\"Doorkeeper\", error=\"invalid_token\", error_description=\"" + description + "\"";
        return new ApiException(401, body, Map.of("WWW-Authenticate", challenge));
    }

    public static ObjectNode notFoundBody(String method, String path) {
        ObjectNode body = Json.object();
        body.put("error", "not_found");
        body.put("error_description", "No route for " + method + " " + path);
        return body;
    }
}
