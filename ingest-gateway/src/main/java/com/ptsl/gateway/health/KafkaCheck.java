package com.ptsl.gateway.health;

import com.ptsl.service.health.Check;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Readiness "kafka": the cluster answers {@code describeCluster} within {@link #TIMEOUT}. The answer is kept for
 * {@link #CACHE_FOR}, so a burst of probes (orchestrator, Prometheus, an operator) costs the broker one request;
 * concurrent probes wait for the one in flight instead of each sending their own.
 *
 * <p>Owns its admin client; {@link #close()} closes it.
 */
public final class KafkaCheck implements Check, AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(2);
    static final Duration CACHE_FOR = Duration.ofSeconds(1);

    private final AdminClient admin;
    private final KafkaClientMetrics clientMetrics;
    private Result cached; // guarded by this
    private long cachedAtNanos; // guarded by this

    public KafkaCheck(String bootstrapServers, String clientId, MeterRegistry registry) {
        this.admin = AdminClient.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                // Reconnect soon after a broker comes back, so readiness recovers within a few probes.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1000));
        this.clientMetrics = new KafkaClientMetrics(admin);
        clientMetrics.bindTo(registry);
    }

    @Override
    public synchronized Result check() {
        long now = System.nanoTime();
        if (cached == null || now - cachedAtNanos >= CACHE_FOR.toNanos()) {
            cached = probe();
            cachedAtNanos = System.nanoTime();
        }
        return cached;
    }

    private Result probe() {
        try {
            Collection<Node> nodes = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()))
                    .nodes().get(TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS);
            return Result.ok(nodes.size() + " broker(s) answered describeCluster");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return unanswered(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        } catch (TimeoutException e) {
            return unanswered("no answer");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return unanswered("interrupted while waiting");
        } catch (RuntimeException e) {
            return unanswered(e.getClass().getSimpleName() + ": " + e.getMessage()); // e.g. the client is closed
        }
    }

    private static Result unanswered(String why) {
        return Result.failing("Kafka did not answer describeCluster within " + TIMEOUT.toSeconds() + " s: " + why);
    }

    @Override
    public void close() {
        clientMetrics.close();
        admin.close(Duration.ofSeconds(5));
    }
}
