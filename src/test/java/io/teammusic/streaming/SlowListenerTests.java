package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.storage.BlobStore;
import io.teammusic.testing.ServerTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A listener who reads a whole track slowly but steadily keeps its stream, however long the kernel takes to wake
 * the server's blocked write. Linux wakes it only once a third of the send buffer has drained: with the 64 KiB
 * kernel buffer of a long body (32 KB set, doubled by Linux) that is about 21 KiB, 2.6 s at this listener's
 * 8 KiB/s, well past the 1 s connector idle timeout set here. Before the long-body idle timeout the server closed
 * such a stream as soon as its first buffer ran dry (the 10,000-listener bench lost every listener that way).
 */
@TestPropertySource(properties = {"server.jetty.connection-idle-timeout=1s",
        "teammusic.streaming.long-body-idle-timeout=30s"})
class SlowListenerTests extends ServerTest {

    static final int SIZE = 2 * 1024 * 1024;

    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aListenerReadingSlowerThanTheKernelWakesTheWriterKeepsItsStream() throws Exception {
        byte[] bytes = TestTracks.randomBytes(SIZE, 42);
        String id = new TestTracks(blobs, jdbc).track(bytes, "audio/mpeg", "slow.mp3");
        String token = admin().token();
        try (Socket s = new Socket()) {
            // A small receive window, as a listener's player that reads at the bitrate keeps it.
            s.setReceiveBufferSize(4096);
            s.connect(new InetSocketAddress("localhost", port));
            s.getOutputStream().write(("GET /api/tracks/" + id + "/stream HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 200");

            // 2 KiB every 250 ms for 14 s: 112 KiB, more than the first fill of the kernel's buffers (~70 KiB),
            // so the server must have been woken and written again at least once.
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] chunk = new byte[2048];
            long end = System.nanoTime() + 14_000_000_000L;
            while (System.nanoTime() < end) {
                int n = in.read(chunk);
                assertThat(n).as("the server closed the stream after %d body bytes", body.size()).isPositive();
                body.write(chunk, 0, n);
                Thread.sleep(250);
            }
            assertThat(body.size()).isGreaterThan(90 * 1024);
            assertThat(body.toByteArray()).isEqualTo(Arrays.copyOf(bytes, body.size()));
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            head.append((char) c);
        }
        return head.toString();
    }
}
