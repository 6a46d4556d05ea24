package com.ptsl.gateway.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;

/**
 * Picks which open transactions outside the window a poll re-reads by id: at most a limit per poll, round-robin
 * in {@link Ids#ASCENDING} order from the id after the last one read, so every open id is read within
 * ⌈open / limit⌉ polls whatever comes and goes. The position is kept in memory only: after a restart the rotation
 * starts from the lowest id, which costs fairness for one round and nothing else.
 */
final class FollowUpRotation {

    private String lastRead; // null: start from the lowest id

    /** Up to {@code limit} ids of {@code candidates} (sorted by {@link Ids#ASCENDING}), continuing the rotation. */
    List<String> next(NavigableSet<String> candidates, int limit) {
        List<String> picked = new ArrayList<>(Math.min(Math.max(limit, 0), candidates.size()));
        if (limit <= 0 || candidates.isEmpty()) {
            return picked;
        }
        NavigableSet<String> after = lastRead == null ? candidates : candidates.tailSet(lastRead, false);
        for (String id : after) {
            if (picked.size() == limit) {
                return picked;
            }
            picked.add(id);
        }
        if (lastRead != null) {
            for (String id : candidates.headSet(lastRead, true)) { // wrap around
                if (picked.size() == limit) {
                    break;
                }
                picked.add(id);
            }
        }
        return picked;
    }

    /** The id was read (whatever PayTrace answered): the next round starts after it. */
    void read(String id) {
        lastRead = id;
    }
}
