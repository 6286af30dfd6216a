package io.poxlog.logservice;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer that Jackson writes into and that is reused record after record. Not thread-safe. */
final class ByteSink extends OutputStream {
    private byte[] buf = new byte[512];
    private int count;

    void reset() {
        count = 0;
    }

    @Override
    public void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + more));
        }
    }

    /** The bytes written, less the first (an object's opening brace). */
    byte[] toByteArrayAfterFirst() {
        return Arrays.copyOfRange(buf, 1, count);
    }
}
