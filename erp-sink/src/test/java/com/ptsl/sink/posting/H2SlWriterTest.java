package com.ptsl.sink.posting;

import com.ptsl.sink.support.H2SlSandboxDatabase;
import com.ptsl.sink.support.TestSlDatabase;

/**
 * SlWriterContract on the SL sandbox (H2, MSSQLServer mode). A SQL Server run is the same three
 * lines returning a database that holds a seeded SL company.
 */
class H2SlWriterTest extends SlWriterContract {

    @Override
    protected TestSlDatabase openDatabase() {
        return H2SlSandboxDatabase.seeded();
    }
}
