package com.ptsl.service.metrics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScrapeTest {

    private static final String TEXT = """
            # HELP ptsl_sink_commands_total commands by result
            # TYPE ptsl_sink_commands_total counter
            ptsl_sink_commands_total{result="APPLIED"} 18.0
            ptsl_sink_commands_total{result="REJECTED"} 2.0
            ptsl_odd_label{path="a\\"b,c",x="y"} 1.0
            ptsl_plain 7
            ptsl_gauge NaN
            lat_seconds_bucket{le="0.5"} 50
            lat_seconds_bucket{le="1.0"} 90
            lat_seconds_bucket{le="+Inf"} 100
            lat_seconds_count 100
            """;

    @Test
    void reads_samples_with_labels_and_sums_them() {
        Scrape s = Scrape.parse(TEXT);

        assertThat(s.total("ptsl_sink_commands_total")).isEqualTo(20.0);
        assertThat(s.total("ptsl_sink_commands_total", "result", "APPLIED")).isEqualTo(18.0);
        assertThat(s.total("ptsl_missing")).isZero();
        assertThat(s.sum("ptsl_missing")).isEmpty();
        assertThat(s.by("ptsl_sink_commands_total", "result")).containsEntry("REJECTED", 2.0);
        assertThat(s.samples("ptsl_odd_label").get(0).labels()).containsEntry("path", "a\"b,c").containsEntry("x", "y");
        assertThat(s.total("ptsl_plain")).isEqualTo(7.0);
        assertThat(s.sum("ptsl_gauge").getAsDouble()).isNaN();
        assertThat(s.names()).contains("lat_seconds_bucket", "lat_seconds_count");
        assertThat(s.value("ptsl_plain")).isEqualTo(7.0);
        assertThatThrownBy(() -> s.value("ptsl_sink_commands_total")).as("two series match").hasMessageContaining("expected one series");
    }

    @Test
    void quantiles_interpolate_inside_the_bucket_like_histogram_quantile() {
        Scrape s = Scrape.parse(TEXT);

        assertThat(s.quantile("lat_seconds", 0.5).getAsDouble()).isEqualTo(0.5);
        assertThat(s.quantile("lat_seconds", 0.7).getAsDouble()).isEqualTo(0.75);
        assertThat(s.quantile("lat_seconds", 0.99).getAsDouble()).as("beyond the last finite bucket").isEqualTo(1.0);
        assertThat(s.quantile("nothing", 0.5)).isEmpty();
    }

    @Test
    void a_line_that_is_not_a_sample_is_named() {
        assertThatThrownBy(() -> Scrape.parse("ok 1\nbroken{x=\"1\"\n")).hasMessageContaining("line 2");
    }
}
