package com.ptsl.launcher.traffic;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A payment as SL holds it before release: the PA document (RefNbr = the PayTrace transaction id) and its
 * pending application lines (ARTran DrCr 'U', SiteId = the invoice paid).
 *
 * @param applications invoice RefNbr -> amount applied (lines to one invoice added up), in line order
 * @param unapplied    ARDoc.ApplAmt: what stays on account
 * @param documents    PA documents SL has with this RefNbr (the invariants want exactly one)
 */
public record PostedPayment(String refNbr, String custId, BigDecimal amount, BigDecimal unapplied,
                            Map<String, BigDecimal> applications, int documents) {

    public PostedPayment {
        Objects.requireNonNull(refNbr, "refNbr");
        Objects.requireNonNull(custId, "custId");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(unapplied, "unapplied");
        applications = Collections.unmodifiableMap(new LinkedHashMap<>(applications));
    }
}
