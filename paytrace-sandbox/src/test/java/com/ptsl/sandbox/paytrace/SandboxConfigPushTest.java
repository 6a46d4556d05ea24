package com.ptsl.sandbox.paytrace;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The push hook settings: off by default, set together, checked, the secret never shown. */
class SandboxConfigPushTest {

    private static final URI SILENT_POST = URI.create("http://127.0.0.1:8090/v1/push/silent-post");
    private static final URI PUSH = URI.create("http://127.0.0.1:8090/v1/push/transactions");

    @Test
    void bothHooksAreOffByDefaultAndInTheOlderConstructors() {
        SandboxConfig defaults = SandboxConfig.defaults();
        SandboxConfig older = new SandboxConfig(0, "u", "p", SandboxConfig.DEFAULT_ZONE, Duration.ofHours(2), 1, 200,
                3, Duration.ofDays(2));

        for (SandboxConfig config : new SandboxConfig[]{defaults, older}) {
            assertThat(config.silentPostUrl()).isNull();
            assertThat(config.pushUrl()).isNull();
            assertThat(config.pushSecret()).isNull();
            assertThat(config.silentPostEnabled()).isFalse();
            assertThat(config.pushEnabled()).isFalse();
        }
    }

    @Test
    void withersSetTheHooksAndEveryOtherWitherKeepsThem() {
        SandboxConfig config = SandboxConfig.defaults().withSilentPostUrl(SILENT_POST).withPush(PUSH, "s3cret")
                .withPort(9).withFirstBatchNumber(571).withAuthorizationExpiry(Duration.ofDays(3))
                .withUsername("u2").withPassword("p2").withTokenLifetime(Duration.ofMinutes(5))
                .withFirstTransactionId(7).withDeclineHttpStatus(402).withMerchantZone(SandboxConfig.DEFAULT_ZONE);

        assertThat(config.silentPostUrl()).isEqualTo(SILENT_POST);
        assertThat(config.pushUrl()).isEqualTo(PUSH);
        assertThat(config.pushSecret()).isEqualTo("s3cret");
        assertThat(config.pushEnabled()).isTrue();
        assertThat(config.silentPostEnabled()).isTrue();
        assertThat(config.withoutPush().pushEnabled()).isFalse();
        assertThat(config.withoutPush().silentPostUrl()).isEqualTo(SILENT_POST);
        assertThat(config.withSilentPostUrl(null).silentPostEnabled()).isFalse();
    }

    @Test
    void badSettingsAreRefusedNamingTheField() {
        SandboxConfig defaults = SandboxConfig.defaults();

        assertThatThrownBy(() -> defaults.withPush(PUSH, null)).hasMessageContaining("pushSecret");
        assertThatThrownBy(() -> defaults.withPush(PUSH, " ")).hasMessageContaining("pushSecret");
        assertThatThrownBy(() -> defaults.withPush(null, "s3cret")).hasMessageContaining("pushSecret");
        assertThatThrownBy(() -> defaults.withPush(URI.create("ftp://host/x"), "s3cret")).hasMessageContaining("pushUrl");
        assertThatThrownBy(() -> defaults.withSilentPostUrl(URI.create("/relative"))).hasMessageContaining("silentPostUrl");
    }

    @Test
    void theSecretIsNeverShown() {
        SandboxConfig config = SandboxConfig.defaults().withPush(PUSH, "very-secret-value");

        assertThat(config.toString()).doesNotContain("very-secret-value").contains("pushSecret=***").contains(PUSH.toString());
    }

    @Test
    void theMainReadsTheHooksFromTheEnvironment() {
        SandboxConfig config = PayTraceSandboxMain.configFrom(Map.of(
                "PAYTRACE_SANDBOX_SILENT_POST_URL", SILENT_POST.toString(),
                "PAYTRACE_SANDBOX_PUSH_URL", PUSH.toString(),
                "PAYTRACE_SANDBOX_PUSH_SECRET", "s3cret"));

        assertThat(config.silentPostUrl()).isEqualTo(SILENT_POST);
        assertThat(config.pushUrl()).isEqualTo(PUSH);
        assertThat(config.pushSecret()).isEqualTo("s3cret");
        assertThat(PayTraceSandboxMain.configFrom(Map.of()).pushEnabled()).isFalse();
        assertThatThrownBy(() -> PayTraceSandboxMain.configFrom(Map.of("PAYTRACE_SANDBOX_PUSH_URL", PUSH.toString())))
                .hasMessageContaining("PAYTRACE_SANDBOX_PUSH_SECRET");
        assertThatThrownBy(() -> PayTraceSandboxMain.configFrom(Map.of("PAYTRACE_SANDBOX_SILENT_POST_URL", "not a url")))
                .hasMessageContaining("PAYTRACE_SANDBOX_SILENT_POST_URL");
    }
}
