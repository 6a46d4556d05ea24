package com.ptsl.gateway.push;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads a request body without ever holding more than the limit: a declared Content-Length over the limit is
 * refused before reading, and a body without one (chunked) is read only up to one byte past the limit.
 */
public final class BoundedBody {

    private BoundedBody() {
    }

    /** The body, or null if it is longer than {@code max} bytes. */
    public static byte[] read(InputStream in, long declaredLength, int max) throws IOException {
        if (declaredLength > max) {
            return null;
        }
        int expected = declaredLength >= 0 ? (int) declaredLength : Math.min(max, 8192);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(expected, 16));
        byte[] buffer = new byte[8192];
        long total = 0;
        int n;
        while ((n = in.read(buffer, 0, (int) Math.min(buffer.length, max + 1L - total))) > 0) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
