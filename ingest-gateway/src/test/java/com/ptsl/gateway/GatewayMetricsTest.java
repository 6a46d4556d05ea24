package com.ptsl.gateway;

import com.ptsl.gateway.paytrace.MutableClock;
import com.ptsl.gateway.paytrace.PayTraceCallObserver.Endpoint;
import com.ptsl.gateway.paytrace.PayTraceCallObserver.Outcome;
import com.ptsl.gateway.paytrace.PayTraceUnavailableException;
import com.ptsl.gateway.push.PushEndpoint;
import com.ptsl.gateway.push.PushOutcome;
import com.ptsl.schemas.avro.RecordSource;
import com.ptsl.service.metrics.Scrape;
import com.ptsl.service.metrics.ServiceMetrics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The meters as Prometheus sees them: names, HELP lines, pre-registered label sets and the two age gauges. */
class GatewayMetricsTest {

    private static final ZoneId MERCHANT = ZoneId.of("America/Los_Angeles");
    /** 4/10/2015 4:06:30 PM in Los Angeles (PDT, UTC-7). */
    private static final Instant CREATED = ZonedDateTime.of(2015, 4, 10, 16, 6, 30, 0, MERCHANT).toInstant();

    private final ServiceMetrics service = new ServiceMetrics();
    private final MutableClock clock = new MutableClock(CREATED.plusSeconds(3600));
    private final GatewayMetrics metrics = new GatewayMetrics(service.registry(), clock, MERCHANT);

    @AfterEach
    void close() {
        service.close();
    }

    @Test
    void everyMeterIsThereFromTheStartWithItsHelpText() {
        String scrape = service.scrape();
        Scrape text = Scrape.parse(scrape);

        for (String source : List.of("POLL", "PUSH", "SILENT_POST")) {
            assertThat(text.value("ptsl_gateway_records_published_total", "source", source)).as(source).isZero();
        }
        assertThat(text.samples("ptsl_gateway_records_published_total")).hasSize(3);
        assertThat(text.samples("ptsl_gateway_push_requests_total")).hasSize(2 * 8)
                .allSatisfy(s -> assertThat(s.value()).isZero());
        for (String outcome : List.of("published", "unknown", "failed")) {
            assertThat(text.value("ptsl_gateway_silent_post_confirmations_total", "outcome", outcome)).isZero();
        }
        assertThat(text.value("ptsl_gateway_sweeps_total", "outcome", "swept")).isZero();
        assertThat(text.value("ptsl_gateway_sweeps_total", "outcome", "skipped")).isZero();
        assertThat(text.value("ptsl_gateway_push_in_flight")).isZero();
        assertThat(text.value("ptsl_gateway_last_push_age_seconds")).isNaN();
        assertThat(text.value("ptsl_gateway_push_accepted_duration_seconds_count")).isZero();
        for (String name : List.of("ptsl_gateway_records_read_total", "ptsl_gateway_silent_posts_coalesced_total",
                "ptsl_gateway_records_republished_total", "ptsl_gateway_records_unchanged_total",
                "ptsl_gateway_records_invalid_total", "ptsl_gateway_pans_scrubbed_total",
                "ptsl_gateway_followup_reads_total", "ptsl_gateway_open_transactions_given_up_total",
                "ptsl_gateway_batches_published_total", "ptsl_gateway_batches_unchanged_total",
                "ptsl_gateway_open_transactions")) {
            assertThat(text.value(name)).as(name).isZero();
            assertThat(scrape).as(name).containsPattern("(?m)^# HELP " + name.replace("_total", "") + "(_total)? \\S");
        }
        assertThat(text.value("ptsl_gateway_polls_total", "outcome", "ok")).isZero();
        assertThat(text.value("ptsl_gateway_polls_total", "outcome", "failed")).isZero();
        assertThat(text.value("ptsl_gateway_poll_duration_seconds_count")).isZero();
        assertThat(text.samples("ptsl_gateway_poll_duration_seconds_bucket"))
                .hasSize(ServiceMetrics.LATENCY_SLO_BUCKETS.length + 1)
                .anySatisfy(s -> assertThat(s.labels()).containsEntry("le", "1.0"));
        assertThat(text.value("ptsl_gateway_batch_polls_total", "outcome", "ok")).isZero();
        assertThat(text.value("ptsl_gateway_batch_polls_total", "outcome", "failed")).isZero();
        assertThat(text.samples("ptsl_gateway_paytrace_calls_total")).hasSize(5 * 6)
                .allSatisfy(s -> assertThat(s.value()).isZero());
        for (String endpoint : List.of("oauth_token", "export_by_date_range", "export_by_id", "batches_export",
                "batches_transaction_list")) {
            for (String outcome : List.of("ok", "4xx", "429", "5xx", "timeout", "unreachable")) {
                assertThat(text.samples("ptsl_gateway_paytrace_calls_total", "endpoint", endpoint, "outcome", outcome))
                        .as(endpoint + "/" + outcome).hasSize(1);
            }
        }
        assertThat(scrape).contains("# HELP ptsl_gateway_last_successful_poll_age_seconds ")
                .contains("# HELP ptsl_gateway_newest_record_age_seconds ");
    }

    @Test
    void countsWhatThePollerAndTheClientReport() {
        metrics.recordRead(null);
        metrics.recordRead(null);
        metrics.recordRead(null);
        metrics.recordPublished(1, false);
        metrics.recordPublished(0, true);
        metrics.recordUnchanged();
        metrics.invalidPublished(2);
        metrics.pollSucceeded(Duration.ofMillis(120));
        metrics.pollFailed(Duration.ofSeconds(3), new PayTraceUnavailableException("PayTrace answered HTTP 503", 503, null));
        metrics.called(Endpoint.EXPORT_BY_DATE_RANGE, Outcome.SERVER_ERROR);
        metrics.called(Endpoint.EXPORT_BY_DATE_RANGE, Outcome.SERVER_ERROR);
        metrics.called(Endpoint.OAUTH_TOKEN, Outcome.OK);
        metrics.called(Endpoint.BATCHES_EXPORT, Outcome.OK);
        metrics.called(Endpoint.BATCHES_TRANSACTION_LIST, Outcome.RATE_LIMITED);
        metrics.followUpRead();
        metrics.followUpRead();
        metrics.openGivenUp(3);
        metrics.openTransactions(7);
        metrics.batchPublished(1);
        metrics.batchUnchanged();
        metrics.batchPollSucceeded();
        metrics.batchPollFailed(new PayTraceUnavailableException("PayTrace answered HTTP 429", 429, null));

        Scrape text = Scrape.parse(service.scrape());

        assertThat(text.value("ptsl_gateway_records_read_total")).isEqualTo(3.0);
        assertThat(text.value("ptsl_gateway_records_published_total", "source", "POLL")).isEqualTo(2.0);
        assertThat(text.value("ptsl_gateway_records_republished_total")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_records_unchanged_total")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_records_invalid_total")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_pans_scrubbed_total")).isEqualTo(4.0); // 1 + 2 + the batch's 1
        assertThat(text.value("ptsl_gateway_followup_reads_total")).isEqualTo(2.0);
        assertThat(text.value("ptsl_gateway_open_transactions_given_up_total")).isEqualTo(3.0);
        assertThat(text.value("ptsl_gateway_open_transactions")).isEqualTo(7.0);
        assertThat(text.value("ptsl_gateway_batches_published_total")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_batches_unchanged_total")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_batch_polls_total", "outcome", "ok")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_batch_polls_total", "outcome", "failed")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_paytrace_calls_total", "endpoint", "batches_export", "outcome", "ok"))
                .isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_paytrace_calls_total", "endpoint", "batches_transaction_list", "outcome", "429"))
                .isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_polls_total", "outcome", "ok")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_polls_total", "outcome", "failed")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_poll_duration_seconds_count")).isEqualTo(2.0);
        assertThat(text.value("ptsl_gateway_poll_duration_seconds_sum")).isEqualTo(3.12);
        assertThat(text.value("ptsl_gateway_poll_duration_seconds_bucket", "le", "0.25")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_paytrace_calls_total", "endpoint", "export_by_date_range", "outcome", "5xx"))
                .isEqualTo(2.0);
        assertThat(text.value("ptsl_gateway_paytrace_calls_total", "endpoint", "oauth_token", "outcome", "ok")).isEqualTo(1.0);
        // The accessors read the same meters.
        assertThat(metrics.polls()).isEqualTo(2);
        assertThat(metrics.pollErrors()).isEqualTo(1);
        assertThat(metrics.recordsRead()).isEqualTo(3);
        assertThat(metrics.recordsRepublished()).isEqualTo(1);
        assertThat(metrics.payTraceCalls(Endpoint.EXPORT_BY_DATE_RANGE, Outcome.SERVER_ERROR)).isEqualTo(2);
        assertThat(metrics.lastPollFailure()).get().isInstanceOf(PayTraceUnavailableException.class);
        assertThat(metrics.followUpReads()).isEqualTo(2);
        assertThat(metrics.openTransactions()).isEqualTo(7);
        assertThat(metrics.batchesPublished()).isEqualTo(1);
        assertThat(metrics.batchPolls()).isEqualTo(2);
        assertThat(metrics.batchPollErrors()).isEqualTo(1);
        assertThat(metrics.lastBatchPollFailure()).get().isInstanceOf(PayTraceUnavailableException.class);
        assertThat(metrics.payTraceCalls(Endpoint.EXPORT_BY_DATE_RANGE)).isEqualTo(2);
        // A failed batch poll is not a failed poll: readiness and the poll counters do not see it.
        assertThat(metrics.pollErrors()).isEqualTo(1);
    }

    @Test
    void countsWhatThePushReceiversReport() {
        metrics.pushedRecordsPublished(RecordSource.PUSH, 3, 1);
        metrics.pushedRecordsPublished(RecordSource.SILENT_POST, 1, 0);
        metrics.recordPublished(0, false);
        metrics.pushAnswered(PushEndpoint.TRANSACTIONS, PushOutcome.ACCEPTED, Duration.ofMillis(40));
        metrics.pushAnswered(PushEndpoint.TRANSACTIONS, PushOutcome.UNAUTHORIZED, Duration.ofMillis(1));
        metrics.pushAnswered(PushEndpoint.SILENT_POST, PushOutcome.ACCEPTED, Duration.ofMillis(1));
        metrics.silentPostPublished();
        metrics.silentPostUnknown();
        metrics.silentPostUnknown();
        metrics.silentPostCoalesced();
        metrics.sweep(true);
        metrics.sweep(false);
        metrics.sweep(false);
        metrics.pushInFlightFrom(() -> 4);
        metrics.pushAccepted();
        clock.advance(Duration.ofSeconds(3));

        Scrape text = Scrape.parse(service.scrape());

        assertThat(text.value("ptsl_gateway_records_published_total", "source", "PUSH")).isEqualTo(3.0);
        assertThat(text.value("ptsl_gateway_records_published_total", "source", "SILENT_POST")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_records_published_total", "source", "POLL")).isEqualTo(1.0);
        assertThat(text.total("ptsl_gateway_records_published_total")).isEqualTo(5.0);
        assertThat(text.value("ptsl_gateway_pans_scrubbed_total")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_push_requests_total", "endpoint", "transactions", "outcome", "accepted"))
                .isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_push_requests_total", "endpoint", "transactions", "outcome", "unauthorized"))
                .isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_push_requests_total", "endpoint", "silent_post", "outcome", "accepted"))
                .isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_push_accepted_duration_seconds_count")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_silent_post_confirmations_total", "outcome", "published")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_silent_post_confirmations_total", "outcome", "unknown")).isEqualTo(2.0);
        assertThat(text.value("ptsl_gateway_silent_posts_coalesced_total")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_sweeps_total", "outcome", "swept")).isEqualTo(1.0);
        assertThat(text.value("ptsl_gateway_sweeps_total", "outcome", "skipped")).isEqualTo(2.0);
        assertThat(text.value("ptsl_gateway_push_in_flight")).isEqualTo(4.0);
        assertThat(text.value("ptsl_gateway_last_push_age_seconds")).isEqualTo(3.0);
        assertThat(metrics.recordsPublished()).isEqualTo(5);
        assertThat(metrics.recordsPublished(RecordSource.PUSH)).isEqualTo(3);
        assertThat(metrics.pushRequests(PushEndpoint.TRANSACTIONS)).isEqualTo(2);
        assertThat(metrics.silentPostConfirmations()).isEqualTo(3);
        assertThat(metrics.sweepsSkipped()).isEqualTo(2);
        assertThat(metrics.lastPushAccepted()).contains(clock.instant().minusSeconds(3));
    }

    @Test
    void lastSuccessfulPollAgeCountsFromStartUntilTheFirstSuccess() {
        clock.advance(Duration.ofSeconds(7));
        assertThat(gauge("ptsl_gateway_last_successful_poll_age_seconds")).isEqualTo(7.0);

        metrics.pollFailed(Duration.ofMillis(5), new IllegalStateException("disk full"));
        clock.advance(Duration.ofSeconds(2));
        assertThat(gauge("ptsl_gateway_last_successful_poll_age_seconds")).isEqualTo(9.0);

        metrics.pollSucceeded(Duration.ofMillis(5));
        clock.advance(Duration.ofMillis(1500));
        assertThat(gauge("ptsl_gateway_last_successful_poll_age_seconds")).isEqualTo(1.5);
        assertThat(metrics.lastSuccessfulPoll()).contains(clock.instant().minusMillis(1500));
        assertThat(metrics.lastPollFailure()).isEmpty();
    }

    @Test
    void newestRecordAgeFollowsTheNewestCreatedAtInTheMerchantZone() {
        assertThat(gauge("ptsl_gateway_newest_record_age_seconds")).isNaN();

        metrics.recordRead("not a date");
        metrics.recordRead("");
        assertThat(gauge("ptsl_gateway_newest_record_age_seconds")).isNaN();

        metrics.recordRead("4/10/2015 4:06:30 PM");
        assertThat(gauge("ptsl_gateway_newest_record_age_seconds")).isEqualTo(3600.0);

        metrics.recordRead("4/10/2015 3:06:30 PM"); // older: the newest stays
        metrics.recordRead("4/10/2015 16:06:31"); // 24-hour clock is not PayTrace's format: ignored
        assertThat(gauge("ptsl_gateway_newest_record_age_seconds")).isEqualTo(3600.0);

        metrics.recordRead("4/10/2015 4:36:30 PM");
        clock.advance(Duration.ofSeconds(10));
        assertThat(gauge("ptsl_gateway_newest_record_age_seconds")).isEqualTo(1810.0);
        assertThat(metrics.recordsRead()).isEqualTo(6);
    }

    private double gauge(String name) {
        return Scrape.parse(service.scrape()).value(name);
    }
}
