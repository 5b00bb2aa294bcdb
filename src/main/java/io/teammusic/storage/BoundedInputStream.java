package io.teammusic.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** At most {@code length} bytes of the stream beneath: the shape of every ranged read a store hands out. */
public class BoundedInputStream extends FilterInputStream {

    private long left;

    public BoundedInputStream(InputStream in, long length) {
        super(in);
        this.left = length;
    }

    @Override
    public int read() throws IOException {
        if (left <= 0) {
            return -1;
        }
        int b = super.read();
        if (b >= 0) {
            left--;
        }
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        if (left <= 0) {
            return -1;
        }
        int n = super.read(buf, off, (int) Math.min(len, left));
        if (n > 0) {
            left -= n;
        }
        return n;
    }

    /** Bytes of the range not read yet. */
    public long remaining() {
        return left;
    }
}
