package com.ptsl.launcher.replay;

import java.util.List;

/** The plan as an operator reads it: what moves where, what is deleted, what is left alone. */
final class ReplayPlanText {

    private ReplayPlanText() {
    }

    static String render(ReplayPlan plan) {
        StringBuilder b = new StringBuilder();
        b.append("Replay of the stream-processor (Kafka Streams application ").append(plan.applicationId()).append(")\n");
        b.append("  from ").append(plan.from().label()).append('\n');
        if (!plan.from().isEarliest()) {
            b.append("  note: the rebuilt state knows only the payments seen from this time on. A void or refund PayTrace makes\n")
                    .append("        later for an older payment is not linked to it: the void posts no reversal, the refund goes to\n")
                    .append("        review (UNLINKED_REFUND). To keep what the running processor knows, start at least\n")
                    .append("        PROCESSOR_DEDUPE_RETENTION_DAYS (35 by default) days back, or from earliest.\n");
        }
        if (plan.activeMembers().isEmpty()) {
            b.append("  consumer group ").append(plan.applicationId()).append(": no active members\n");
        } else {
            b.append("  consumer group ").append(plan.applicationId()).append(": ").append(plan.activeMembers().size())
                    .append(" active member(s): ").append(String.join(", ", plan.activeMembers())).append('\n');
        }

        b.append("\n1. Input offsets of the consumer group (committed -> new)\n");
        for (String topic : plan.topics().groupInputs()) {
            List<PartitionReset> resets = plan.resetsOf(topic);
            long records = resets.stream().mapToLong(PartitionReset::toReprocess).sum();
            String role = plan.topics().isTable(topic) ? "table, from its beginning"
                    : plan.from().isEarliest() ? "event log, from its beginning" : "event log, from the time";
            List<PartitionReset> shown = resets.stream().filter(r -> r.end() > 0 || r.committed() > 0).toList();
            int empty = resets.size() - shown.size();
            b.append(String.format("   %-30s %-30s %2d partitions %10d to reprocess%s%n", topic, role, resets.size(), records,
                    empty == 0 ? "" : " (" + empty + " empty, not listed)"));
            for (PartitionReset r : shown) {
                b.append(String.format("       partition %-3d %10s -> %-10d end %-10d %10d   %s%n", r.partition().partition(),
                        r.committed() < 0 ? "none" : Long.toString(r.committed()), r.target(), r.end(), r.toReprocess(), r.why().text()));
            }
        }

        b.append("\n2. Internal topics to delete (recreated empty by the stream-processor; their state is rebuilt from the inputs)\n");
        if (plan.internalTopics().isEmpty()) {
            b.append("       none exist\n");
        }
        plan.internalTopics().forEach(t -> b.append("       ").append(t).append('\n'));

        b.append("\n3. Local state\n");
        if (plan.localState().isPresent()) {
            ReplayPlan.LocalState state = plan.localState().get();
            b.append("       ").append(state.exists() ? "delete " + state.appDir()
                    : "nothing to delete: " + state.appDir() + " does not exist (is --state-dir the processor's PROCESSOR_STATE_DIR?)").append('\n');
        } else {
            b.append("       not touched (no --state-dir). Before starting the stream-processor, delete <PROCESSOR_STATE_DIR>/")
                    .append(plan.applicationId()).append(" on every host that runs it:\n")
                    .append("       stores left there would be restored as they are and the replay would decide on stale state.\n");
        }

        if (!plan.topics().globalTables().isEmpty()) {
            b.append("\nNot reset: ").append(String.join(", ", plan.topics().globalTables()))
                    .append(" (global table, read outside the consumer group; re-read whole when the local state is gone)\n");
        }
        b.append("Re-emitted to: ").append(String.join(", ", plan.topics().outputs()))
                .append(" (the erp-sink answers every command it already applied with DUPLICATE)\n");
        b.append(String.format("%nIn total: %d records to reprocess on %d partitions, %d internal topics to delete.%n",
                plan.recordsToReprocess(), plan.resets().size(), plan.internalTopics().size()));
        return b.toString();
    }
}
