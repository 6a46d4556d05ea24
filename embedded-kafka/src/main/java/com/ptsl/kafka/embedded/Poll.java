package com.ptsl.kafka.embedded;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Waits for a condition with a deadline; main code cannot depend on Awaitility (test scope). */
final class Poll {
  private static final long INTERVAL_MS = 100;

  private Poll() {}

  /** Exceptions thrown by the condition count as "not yet" and are reported if time runs out. */
  static void until(String what, Duration timeout, Callable<Boolean> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Exception last = null;
    while (true) {
      try {
        if (Boolean.TRUE.equals(condition.call())) {
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      } catch (Exception e) {
        last = e;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what, last);
      }
      try {
        Thread.sleep(INTERVAL_MS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for " + what, e);
      }
    }
  }
}
