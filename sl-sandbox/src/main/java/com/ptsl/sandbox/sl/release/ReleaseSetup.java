package com.ptsl.sandbox.sl.release;

import java.util.Map;
import java.util.Set;

/**
 * What release takes from the setup and reference tables: GLSetup (base currency, ledger, last closed period),
 * ARSetup's default AR account, the chart of accounts and subaccounts, and the customers of the batch.
 */
record ReleaseSetup(String baseCuryId, String ledgerId, String lastClosePerNbr, String arAcct, String arSub,
                    Set<String> accounts, Set<String> subaccounts, Map<String, CustomerAccount> customers) {

    /** A customer's AR account: Customer.ArAcct/ArSub, or ARSetup's when the customer's is blank. */
    record CustomerAccount(String custId, String arAcct, String arSub) {
    }

    boolean knowsCustomer(String custId) {
        return customers.containsKey(custId);
    }

    String[] arAccountOf(String custId) {
        CustomerAccount c = customers.get(custId);
        if (c != null && !c.arAcct().isEmpty() && !c.arSub().isEmpty()) {
            return new String[] {c.arAcct(), c.arSub()};
        }
        return new String[] {arAcct, arSub};
    }
}
