package com.ptsl.sandbox.paytrace.transactions;

import com.fasterxml.jackson.databind.JsonNode;

import static com.ptsl.sandbox.paytrace.http.RequestBodies.textOrEmpty;

/** A billing or shipping address; absent parts are "" because PayTrace exports them that way. */
public record Address(String name, String streetAddress, String streetAddress2, String city, String county,
                      String state, String zip, String country) {

    public static final Address EMPTY = new Address("", "", "", "", "", "", "", "");

    /** Reads the v1 request shape ({@code street_address}, {@code zip}, ...). */
    public static Address fromRequest(JsonNode node) {
        if (node == null || !node.isObject()) {
            return EMPTY;
        }
        return new Address(textOrEmpty(node, "name"), textOrEmpty(node, "street_address"),
                textOrEmpty(node, "street_address2"), textOrEmpty(node, "city"), textOrEmpty(node, "county"),
                textOrEmpty(node, "state"), textOrEmpty(node, "zip"), textOrEmpty(node, "country"));
    }

    /** Enough for an address verification (AVS) check: a street and a postal code. */
    public boolean verifiable() {
        return !streetAddress.isBlank() && !zip.isBlank();
    }
}
