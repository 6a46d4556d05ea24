package com.ptsl.sink.posting;

import com.ptsl.sandbox.sl.release.ReleaseResult;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.TestSlDatabase;

/**
 * SlWriterContract on the SL sandbox (H2, MSSQLServer mode) and its release emulation. A SQL Server run is the
 * same few lines returning a database that holds a seeded SL company, releasing through SL's own pp_08400.
 */
class H2SlWriterTest extends SlWriterContract {

    @Override
    protected TestSlDatabase openDatabase() {
        return H2SlSandboxDatabase.seeded();
    }

    @Override
    protected ReleaseResult releaseBatch(String batNbr) {
        return ((H2SlSandboxDatabase) db).release(batNbr);
    }
}
