package com.ptsl.launcher.scale;

import com.ptsl.service.admin.AdminClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What {@code ptsl run --instances n} shows of the scale-out: how the partitions spread over the instances once
 * they are ready; one instance of each service killed with SIGKILL part-way through the traffic; and the
 * survivors owning every partition once the group coordinator noticed. Exactly-once across the kill is not judged
 * here but by the run's invariants, in the SL database.
 */
public final class FailoverDrill implements AutoCloseable {

    /** A SIGKILLed member sends no leave-group: its partitions wait until its session times out. */
    private static final Duration SESSION_TIMEOUT = ScaledServices.SESSION_TIMEOUT;
    /** How long the survivors get to own everything: the session timeout, a rebalance, a state restore, a slow machine. */
    public static final Duration TAKEOVER_DEADLINE = SESSION_TIMEOUT.plusSeconds(75);
    /** How long the spread waits for a Stable group in which every instance owns something. */
    private static final Duration SPREAD_DEADLINE = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);

    /** One service's takeover: who was killed and when the survivors owned every partition (complete = false: not in time). */
    public record Takeover(String service, String victim, boolean complete, Duration after, GroupAssignment assignment) {
    }

    private final ScaledServices services;
    private final Consumer<String> say;
    private final Admin admin;
    private final AdminClient http = new AdminClient(null);
    private final Map<String, Set<TopicPartition>> expected = new LinkedHashMap<>();
    private final List<Takeover> takeovers = new ArrayList<>();
    private final Map<String, String> victims = new LinkedHashMap<>();
    private Instant killedAt;
    private String moment;
    private Thread watcher;

    public FailoverDrill(String bootstrapServers, ScaledServices services, Consumer<String> say) {
        this.services = services;
        this.say = say;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Prints each group's assignment once it is Stable with every instance owning at least one partition (or as it is
     * when {@link #SPREAD_DEADLINE} passes), and remembers the partitions: the survivors must own all of them later.
     */
    public void showSpread() throws InterruptedException {
        for (InstanceFleet fleet : fleets()) {
            Instant deadline = Instant.now().plus(SPREAD_DEADLINE);
            GroupAssignment assignment = GroupAssignment.read(admin, fleet, http);
            while (!spreadOverAll(fleet, assignment) && Instant.now().isBefore(deadline)) {
                Thread.sleep(POLL.toMillis()); // polling the group coordinator until a deadline
                assignment = GroupAssignment.read(admin, fleet, http);
            }
            expected.put(fleet.service(), assignment.all());
            say.accept(String.format("partitions of %s (group %s, %s, %d partitions over %d instances):", fleet.service(),
                    fleet.groupId(), assignment.state(), assignment.all().size(), fleet.live().size()));
            assignment.lines().forEach(line -> say.accept("  " + line));
            if (!spreadOverAll(fleet, assignment)) {
                say.accept("  not every instance owns a partition yet (more instances than partitions, or still rebalancing)");
            }
        }
    }

    private static boolean spreadOverAll(InstanceFleet fleet, GroupAssignment assignment) {
        return assignment.ownedOnlyBy(fleet.live().stream().map(ServiceInstance::name).toList(), Set.of())
                && fleet.live().stream().allMatch(i -> !assignment.of(i.name()).isEmpty());
    }

    /**
     * Kills the last running instance of each service with SIGKILL (the sink's last one: the first runs the SL feed,
     * which has no leader election yet), says so, and starts watching for the takeover. Only the first call kills.
     *
     * @param when said in the output, e.g. "after sale 100 of 200"
     */
    public synchronized void killOneOfEach(String when) {
        if (killedAt != null) {
            return;
        }
        List<String> killed = new ArrayList<>();
        for (InstanceFleet fleet : fleets()) {
            List<ServiceInstance> live = fleet.live();
            if (live.size() < 2) {
                continue; // never the last one: nothing would take over
            }
            ServiceInstance victim = live.get(live.size() - 1);
            victim.kill(http);
            victims.put(fleet.service(), victim.name());
            killed.add(victim.name() + " (pid " + victim.pid() + ")");
        }
        killedAt = Instant.now();
        moment = when;
        say.accept("killed " + String.join(" and ", killed) + " with SIGKILL " + when + "; the group coordinators drop them when"
                + " their sessions time out (session.timeout.ms, " + SESSION_TIMEOUT.toSeconds() + " s by default), then the"
                + " survivors take their partitions over");
        watcher = new Thread(this::watchTakeover, "ptsl-takeover-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void watchTakeover() {
        Instant deadline = killedAt.plus(TAKEOVER_DEADLINE);
        Map<String, GroupAssignment> last = new LinkedHashMap<>();
        List<InstanceFleet> pending = new ArrayList<>(fleets().stream().filter(f -> victims.containsKey(f.service())).toList());
        try {
            while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
                for (InstanceFleet fleet : List.copyOf(pending)) {
                    GroupAssignment now;
                    try {
                        now = GroupAssignment.read(admin, fleet, http);
                    } catch (IllegalStateException e) {
                        continue; // the coordinator is busy with the rebalance: ask again
                    }
                    last.put(fleet.service(), now);
                    List<String> survivors = fleet.live().stream().map(ServiceInstance::name).toList();
                    if (now.ownedOnlyBy(survivors, expected.getOrDefault(fleet.service(), Set.of()))) {
                        Duration after = Duration.between(killedAt, Instant.now());
                        record(new Takeover(fleet.service(), victims.get(fleet.service()), true, after, now));
                        say.accept(String.format("%s: the survivor%s own%s all %d partitions %.1f s after the kill:", fleet.service(),
                                survivors.size() == 1 ? "" : "s", survivors.size() == 1 ? "s" : "", now.all().size(), after.toMillis() / 1000.0));
                        now.lines().forEach(line -> say.accept("  " + line));
                        pending.remove(fleet);
                    }
                }
                if (!pending.isEmpty()) {
                    Thread.sleep(POLL.toMillis()); // polling the group coordinator until a deadline
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (InstanceFleet fleet : pending) {
            GroupAssignment seen = last.get(fleet.service());
            record(new Takeover(fleet.service(), victims.get(fleet.service()), false, Duration.between(killedAt, Instant.now()), seen));
            say.accept(String.format("%s: the survivors did not own every partition within %d s of the kill; last seen:",
                    fleet.service(), TAKEOVER_DEADLINE.toSeconds()));
            if (seen != null) {
                seen.lines().forEach(line -> say.accept("  " + line));
            }
        }
    }

    private synchronized void record(Takeover takeover) {
        takeovers.add(takeover);
    }

    /** Waits for the watch started by {@link #killOneOfEach} (bounded by {@link #TAKEOVER_DEADLINE}); empty if nothing was killed. */
    public List<Takeover> awaitTakeover() throws InterruptedException {
        Thread w;
        synchronized (this) {
            w = watcher;
        }
        if (w != null) {
            w.join(TAKEOVER_DEADLINE.plusSeconds(30).toMillis());
        }
        synchronized (this) {
            return List.copyOf(takeovers);
        }
    }

    /** True when an instance of each service was killed and the survivors took every partition over in time. */
    public synchronized boolean tookOver() {
        return killedAt != null && takeovers.size() == victims.size() && takeovers.stream().allMatch(Takeover::complete);
    }

    /** For the run summary: what was killed when, and how long each takeover took. */
    public synchronized List<String> summaryLines() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%d instances of stream-processor and of erp-sink, separate JVMs (logs in %s)",
                services.processors().instances().size(), services.processors().instances().get(0).log().getParent()));
        if (killedAt == null) {
            lines.add("no instance was killed");
            return lines;
        }
        lines.add("killed with SIGKILL " + moment + ": " + String.join(", ", victims.values()));
        for (Takeover t : takeovers) {
            lines.add(t.complete()
                    ? String.format("%s: survivors owned all %d partitions %.1f s after the kill", t.service(),
                    t.assignment().all().size(), t.after().toMillis() / 1000.0)
                    : String.format("%s: survivors did NOT own every partition within %d s", t.service(), TAKEOVER_DEADLINE.toSeconds()));
        }
        return lines;
    }

    private List<InstanceFleet> fleets() {
        return List.of(services.processors(), services.sinks());
    }

    @Override
    public void close() {
        Thread w;
        synchronized (this) {
            w = watcher;
        }
        if (w != null) {
            w.interrupt();
        }
        admin.close(Duration.ofSeconds(5));
    }
}
