package com.ptsl.sandbox.sl.release;

/** What one release wrote: documents released, ARAdjust rows inserted, GLTran lines written. */
public record ReleaseCounts(int documents, int adjustments, int glLines) {

    public static final ReleaseCounts NONE = new ReleaseCounts(0, 0, 0);

    ReleaseCounts plus(ReleaseCounts other) {
        return new ReleaseCounts(documents + other.documents, adjustments + other.adjustments, glLines + other.glLines);
    }
}
