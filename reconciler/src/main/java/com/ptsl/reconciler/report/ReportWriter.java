package com.ptsl.reconciler.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a {@link Report} as one file of a directory, named {@link ReportFormat#fileName}. The file appears whole or
 * not at all (written beside it, then moved into place), so a scheduler picking reports up never reads half of one.
 */
public interface ReportWriter {

    /** The file name's extension, without the dot. */
    String extension();

    /** Writes the report's content to {@code out}; the caller owns (and closes) it. */
    void write(Report report, Writer out) throws IOException;

    /** Writes {@code reconcile-<from>-<to>.<extension>} into {@code dir} (created if needed) and returns its path. */
    default Path write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(ReportFormat.fileName(report.window(), extension()));
        Path partial = dir.resolve(target.getFileName() + ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
                write(report, out);
            }
            try {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(partial);
        }
        return target;
    }
}
