package com.ptsl.gateway.silentpost;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ConfirmationQueueTest {

    @Test
    void coalescesAnIdWhileItWaitsOrIsBeingConfirmed() throws InterruptedException {
        ConfirmationQueue queue = new ConfirmationQueue(10);

        assertThat(queue.offer(7)).isEqualTo(ConfirmationQueue.Offer.QUEUED);
        assertThat(queue.offer(7)).isEqualTo(ConfirmationQueue.Offer.COALESCED);
        assertThat(queue.take(Duration.ZERO)).hasValue(7);
        assertThat(queue.offer(7)).as("being confirmed").isEqualTo(ConfirmationQueue.Offer.COALESCED);
        assertThat(queue.waiting()).isZero();

        queue.done(7);
        assertThat(queue.offer(7)).as("a later post is confirmed again").isEqualTo(ConfirmationQueue.Offer.QUEUED);
    }

    @Test
    void refusesPastItsCapacityAndHandsOutInArrivalOrder() throws InterruptedException {
        ConfirmationQueue queue = new ConfirmationQueue(2);

        assertThat(queue.offer(3)).isEqualTo(ConfirmationQueue.Offer.QUEUED);
        assertThat(queue.offer(1)).isEqualTo(ConfirmationQueue.Offer.QUEUED);
        assertThat(queue.offer(2)).isEqualTo(ConfirmationQueue.Offer.FULL);
        assertThat(queue.take(Duration.ZERO)).hasValue(3);
        assertThat(queue.offer(2)).as("the one being confirmed does not count").isEqualTo(ConfirmationQueue.Offer.QUEUED);
        assertThat(queue.take(Duration.ZERO)).hasValue(1);
        assertThat(queue.take(Duration.ZERO)).hasValue(2);
        assertThat(queue.take(Duration.ofMillis(1))).isEmpty();
    }
}
