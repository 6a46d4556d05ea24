package com.ptsl.launcher.traffic;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the run still waits for: a result on erp.results for every payment SL must get (an approved payment with
 * a known customer; the early ones arrive once their invoice does), and a review item for every payment that
 * must raise one (review-only payments, such as an unknown customer's, produce no erp.results). For a quick pair
 * only the number of items counts, since either payment may get it.
 */
public record Completion(int postingsExpected, int postingsSeen, int reviewsExpected, int reviewsSeen) {

    public static Completion of(List<GroundTruthRow> truth, Set<String> resultTransactions, Set<String> reviewTransactions) {
        int postingsExpected = 0;
        int postingsSeen = 0;
        for (GroundTruthRow row : truth) {
            if (row.expectsPosting()) {
                postingsExpected++;
                postingsSeen += resultTransactions.contains(row.transactionId()) ? 1 : 0;
            }
        }
        Map<String, List<GroundTruthRow>> scopes = truth.stream()
                .collect(Collectors.groupingBy(r -> r.group() != null ? r.group() : "tx:" + r.transactionId()));
        int reviewsExpected = 0;
        int reviewsSeen = 0;
        for (List<GroundTruthRow> scope : scopes.values()) {
            int expected = (int) scope.stream().filter(r -> r.expectedReview() != null).count();
            int seen = (int) scope.stream().filter(r -> reviewTransactions.contains(r.transactionId())).count();
            reviewsExpected += expected;
            reviewsSeen += Math.min(expected, seen);
        }
        return new Completion(postingsExpected, postingsSeen, reviewsExpected, reviewsSeen);
    }

    public boolean done() {
        return postingsSeen >= postingsExpected && reviewsSeen >= reviewsExpected;
    }
}
