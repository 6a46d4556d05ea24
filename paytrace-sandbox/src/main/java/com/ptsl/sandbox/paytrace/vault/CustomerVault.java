package com.ptsl.sandbox.paytrace.vault;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * PayTrace's customer vault, as far as by_customer transactions need it: create and look up. Customer ids are the
 * merchant's strings and compared exactly.
 */
public final class CustomerVault {

    private final ConcurrentMap<String, VaultedCustomer> byId = new ConcurrentHashMap<>();

    /** False, and nothing changes, when the id is taken (PayTrace's error 171). */
    public boolean create(VaultedCustomer customer) {
        return byId.putIfAbsent(customer.customerId(), customer) == null;
    }

    public Optional<VaultedCustomer> byId(String customerId) {
        return customerId == null ? Optional.empty() : Optional.ofNullable(byId.get(customerId));
    }

    public int size() {
        return byId.size();
    }
}
