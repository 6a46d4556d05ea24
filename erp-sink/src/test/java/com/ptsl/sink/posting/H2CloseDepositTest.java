package com.ptsl.sink.posting;

import com.ptsl.sandbox.sl.release.ReleaseResult;
import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.TestSlDatabase;

/** CloseDepositContract on the SL sandbox (H2, MSSQLServer mode). */
class H2CloseDepositTest extends CloseDepositContract {

    @Override
    protected TestSlDatabase openDatabase() {
        return H2SlSandboxDatabase.seeded();
    }

    @Override
    protected ReleaseResult releaseBatch(String batNbr) {
        return ((H2SlSandboxDatabase) db).release(batNbr);
    }
}
