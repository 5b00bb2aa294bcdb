import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Holds many concurrent streams that each read slowly, like listeners on slow links, and counts every error.
 * One thread, non-blocking sockets with a small receive buffer (4 KiB, set on this client's sockets only), so the
 * client itself stays cheap and the kernel memory of 10,000 loopback pairs stays well under the default
 * {@code net.ipv4.tcp_mem}.
 *
 * Usage: java SlowListeners.java PORT PATH TOKEN COUNT SECONDS BYTES_PER_SECOND
 * Exits 0 only when every stream connected and started (got a 200/206 head), and then all of them were held
 * together for SECONDS without a single error.
 */
public class SlowListeners {

    static final class Listener {
        final SocketChannel ch;
        boolean connected;
        boolean headOk;
        boolean failed;
        long read;
        long lastRead;
        final StringBuilder head = new StringBuilder();

        Listener(SocketChannel ch) {
            this.ch = ch;
        }
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        String path = args[1];
        String token = args[2];
        int count = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        int perSecond = Integer.parseInt(args[5]);
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer "
                + token + "\r\nUser-Agent: slow-listener\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        InetSocketAddress addr = new InetSocketAddress("127.0.0.1", port);
        Selector selector = Selector.open();
        List<Listener> all = new ArrayList<>(count);
        long start = System.nanoTime();
        ByteBuffer buf = ByteBuffer.allocateDirect(perSecond);
        // Open in batches, and let at most two batches wait for their first byte at once: listeners arrive as fast
        // as the server starts their streams, not all in one burst that leaves the last of them waiting past the
        // server's idle timeout (30 s) on a loaded machine. The rate at which streams start is printed.
        for (int i = 0; i < count; i++) {
            if (i % BATCH == 0 && i > 0) {
                waitForStarts(all, selector, request, buf, 2 * BATCH);
            }
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 4096);
            Listener l = new Listener(ch);
            all.add(l);
            if (ch.connect(addr)) {
                finishConnect(l, request);
            } else {
                ch.register(selector, SelectionKey.OP_CONNECT, l);
            }
            if (i % BATCH == BATCH - 1) {
                pump(selector, request, 20);
            }
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (all.stream().anyMatch(l -> !l.connected && !l.failed) && System.nanoTime() < deadline) {
            pump(selector, request, 100);
        }
        System.out.printf("opened %d connections in %.1f s%n", count, (System.nanoTime() - start) / 1e9);

        int ticksPerSecond = 10;
        // First every stream has to start (its status line arrives), then all of them are held together.
        long startLimit = System.nanoTime() + 180_000_000_000L;
        long allStarted = -1;
        long end = Long.MAX_VALUE;
        long nextReport = System.nanoTime() + 5_000_000_000L;
        int tick = 0;
        while (System.nanoTime() < end) {
            long tickStart = System.nanoTime();
            // Each listener reads its second's worth once a second; a tenth of them every tenth of a second.
            for (int i = tick % ticksPerSecond; i < all.size(); i += ticksPerSecond) {
                readSome(all.get(i), buf);
            }
            tick++;
            if (allStarted < 0 && all.stream().allMatch(l -> l.headOk || l.failed)) {
                allStarted = System.nanoTime();
                end = allStarted + seconds * 1_000_000_000L;
                double took = (allStarted - start) / 1e9;
                System.out.printf("all %d streams started %.1f s after the first connect (%.0f a second);"
                        + " holding them %d s%n", count, took, count / took, seconds);
            } else if (allStarted < 0 && System.nanoTime() > startLimit) {
                System.out.println("not every stream started within 180 s");
                break;
            }
            if (System.nanoTime() > nextReport) {
                report(all, allStarted < 0 ? "starting" : "holding");
                nextReport += 5_000_000_000L;
            }
            long sleep = 100 - (System.nanoTime() - tickStart) / 1_000_000;
            if (sleep > 0) {
                Thread.sleep(sleep);
            }
        }
        boolean ok = report(all, "final");
        for (Listener l : all) {
            l.ch.close();
        }
        System.exit(ok ? 0 : 1);
    }

    static final int BATCH = 250;

    /** Reads heads until fewer than {@code maxWaiting} connected listeners still wait for theirs (20 s at most). */
    private static void waitForStarts(List<Listener> all, Selector selector, byte[] request, ByteBuffer buf,
            int maxWaiting) throws IOException, InterruptedException {
        long limit = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < limit) {
            pump(selector, request, 1);
            int waiting = 0;
            long now = System.nanoTime();
            for (Listener l : all) {
                if (!l.headOk && !l.failed) {
                    readSome(l, buf);
                    if (!l.headOk && !l.failed) {
                        waiting++;
                    }
                } else if (l.headOk && !l.failed && now - l.lastRead >= 1_000_000_000L) {
                    // Those already playing keep listening at their pace while the others arrive.
                    readSome(l, buf);
                }
            }
            if (waiting < maxWaiting) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static void pump(Selector selector, byte[] request, long timeoutMillis) throws IOException {
        if (selector.select(timeoutMillis) == 0) {
            return;
        }
        for (SelectionKey k : selector.selectedKeys()) {
            Listener l = (Listener) k.attachment();
            try {
                if (l.ch.finishConnect()) {
                    k.cancel();
                    finishConnect(l, request);
                }
            } catch (IOException e) {
                k.cancel();
                fail(l, e);
            }
        }
        selector.selectedKeys().clear();
        selector.selectNow();
    }

    private static void finishConnect(Listener l, byte[] request) {
        try {
            l.connected = true;
            ByteBuffer req = ByteBuffer.wrap(request);
            while (req.hasRemaining()) {
                l.ch.write(req);
            }
        } catch (IOException e) {
            fail(l, e);
        }
    }

    private static void readSome(Listener l, ByteBuffer buf) {
        if (!l.connected || l.failed) {
            return;
        }
        buf.clear();
        l.lastRead = System.nanoTime();
        try {
            int n = l.ch.read(buf);
            if (n < 0) {
                fail(l, new IOException("server closed the stream after " + l.read + " bytes"));
                return;
            }
            if (!l.headOk && n > 0) {
                buf.flip();
                while (buf.hasRemaining() && l.head.length() < 12) {
                    l.head.append((char) buf.get());
                }
                if (l.head.length() >= 12) {
                    String status = l.head.substring(9, 12);
                    if (status.equals("200") || status.equals("206")) {
                        l.headOk = true;
                    } else {
                        fail(l, new IOException("status " + status));
                    }
                }
            }
            l.read += n;
        } catch (IOException e) {
            fail(l, e);
        }
    }

    private static int reported;
    private static final java.util.Map<String, Integer> errorKinds = new java.util.TreeMap<>();

    private static void fail(Listener l, IOException e) {
        l.failed = true;
        if (reported++ < 5) {
            System.out.println("listener error: " + e);
        }
        errorKinds.merge(String.valueOf(e.getMessage()).replaceAll("[0-9]+", "N"), 1, Integer::sum);
    }

    private static boolean report(List<Listener> all, String what) {
        long connected = all.stream().filter(l -> l.connected).count();
        long heads = all.stream().filter(l -> l.headOk).count();
        long failed = all.stream().filter(l -> l.failed).count();
        long bytes = all.stream().mapToLong(l -> l.read).sum();
        System.out.printf("%s: %d connected, %d streaming, %d errors, %.1f MiB read%n", what, connected, heads,
                failed, bytes / 1048576.0);
        if (what.equals("final")) {
            System.out.printf("fewest body and head bytes one listener read: %d%n",
                    all.stream().mapToLong(l -> l.read).min().orElse(0));
        }
        if (what.equals("final") && !errorKinds.isEmpty()) {
            System.out.println("errors by kind: " + errorKinds);
        }
        return failed == 0 && heads == all.size();
    }
}
