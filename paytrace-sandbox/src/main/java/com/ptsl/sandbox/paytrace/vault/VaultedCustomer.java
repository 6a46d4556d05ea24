package com.ptsl.sandbox.paytrace.vault;

import com.ptsl.sandbox.paytrace.transactions.Address;
import com.ptsl.sandbox.paytrace.transactions.CardOnFile;

/** A customer profile: the merchant's id for it, the card (masked only) and the billing address. */
public record VaultedCustomer(String customerId, CardOnFile card, Address billingAddress) {
}
