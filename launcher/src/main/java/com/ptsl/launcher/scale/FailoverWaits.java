package com.ptsl.launcher.scale;

import java.time.Duration;

/**
 * The demo's compressed waits, stretched past a failover when instances are killed. {@code ptsl run} waits 30 s for
 * a payment's invoice and 35 s before a deposit closes, so that a run takes minutes; a site waits 10 and 15 minutes.
 * A SIGKILLed instance stalls its partitions for {@link ScaledServices#FAILOVER_STALL}, longer than those 30 s: a
 * payment waiting for an invoice whose index update stands still behind the dead instance would pass its deadline
 * and go to review, and a deposit cut near the kill would be compared with SL before its payments got there. Neither
 * would be the pipeline's fault, only the demo's timing, so each wait that can meet a failover is made longer than one.
 *
 * @param matchDeadline    PROCESSOR_MATCH_DEADLINE_MS to run with
 * @param depositDelay     PROCESSOR_DEPOSIT_DELAY_MS to run with
 * @param extraOutcomeWait how much longer the run waits for the outcomes it expects (the stall, and the longer deadline)
 */
public record FailoverWaits(Duration matchDeadline, Duration depositDelay, Duration extraOutcomeWait) {

    /**
     * @param instances            instances of each service; 1 = nothing is killed, nothing changes
     * @param paymentsWait         some payments wait for an invoice or a refund for its payment (realistic mix, chains)
     * @param cutOffsDuringTraffic settlement cut-offs happen while the traffic flows (a schedule, the chains' settlements)
     * @param matchDeadline        the demo's match deadline
     * @param depositDelay         the demo's deposit delay (at least the match deadline)
     */
    public static FailoverWaits of(int instances, boolean paymentsWait, boolean cutOffsDuringTraffic,
                                   Duration matchDeadline, Duration depositDelay) {
        if (instances < 2) {
            return new FailoverWaits(matchDeadline, depositDelay, Duration.ZERO);
        }
        Duration stall = ScaledServices.FAILOVER_STALL;
        Duration deadline = paymentsWait ? matchDeadline.plus(stall) : matchDeadline;
        // A batch's payments may wait their deadline and then stand still behind a kill: the deposit waits for both.
        Duration deposit = deadline.plus(depositDelay.minus(matchDeadline)).plus(cutOffsDuringTraffic ? stall : Duration.ZERO);
        return new FailoverWaits(deadline, deposit, stall.plus(deadline.minus(matchDeadline)));
    }

    /** True when any wait differs from the demo's. */
    public boolean stretched(Duration matchDeadline, Duration depositDelay) {
        return !this.matchDeadline.equals(matchDeadline) || !this.depositDelay.equals(depositDelay);
    }
}
