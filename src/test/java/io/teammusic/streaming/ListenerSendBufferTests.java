package io.teammusic.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.storage.BlobStore;
import io.teammusic.testing.ServerTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.ArrayByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jetty.JettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A listener's connection gets a bounded kernel send buffer while a long body plays, so thousands of slow
 * listeners do not each hold megabytes of kernel memory; short ranges (seeks) keep the kernel's own sizing.
 */
class ListenerSendBufferTests extends ServerTest {

    static final int SIZE = 2 * 1024 * 1024;

    @Autowired
    BlobStore blobs;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    WebServerApplicationContext context;

    static String token;
    String id;

    @BeforeEach
    void storeTrack() {
        id = new TestTracks(blobs, jdbc).track(TestTracks.randomBytes(SIZE, System.nanoTime()), "audio/mpeg",
                "long.mp3");
        if (token == null) {
            token = admin().token();
        }
    }

    @Test
    void aWholeTrackPlaysWithTheConfiguredSendBuffer() throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            String head = startStream(s, null);
            assertThat(head).startsWith("HTTP/1.1 200");
            // The JDK reports the value set (Linux itself doubles it for its bookkeeping and reports that).
            assertThat(serverSendBuffer(s)).isEqualTo(32 * 1024);
        }
    }

    @Test
    void aShortRangeKeepsTheKernelsSizing() throws IOException {
        try (Socket s = new Socket("localhost", port)) {
            String head = startStream(s, "bytes=0-65535");
            assertThat(head).startsWith("HTTP/1.1 206");
            // The kernel's default, whatever this machine's net.ipv4.tcp_wmem makes of it, is not the cap.
            assertThat(serverSendBuffer(s)).isNotEqualTo(32 * 1024);
        }
    }

    @Test
    void listenersWhoAreBehindHoldNoDirectBuffersOfTheServer() throws Exception {
        int listeners = 20;
        long before = directBytesInUse();
        java.util.List<Socket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < listeners; i++) {
                Socket s = new Socket("localhost", port);
                sockets.add(s);
                assertThat(startStream(s, null)).startsWith("HTTP/1.1 200");
            }
            // Each of them now has a write blocked on a full socket. Before the headers went out on their own, each
            // also held its 8 KiB header buffer until that write completed.
            assertThat(directBytesInUse() - before).isLessThan(4 * 1024L);
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    /** Direct memory the connector's buffer pool has handed out and not had back. */
    private long directBytesInUse() {
        Server server = ((JettyWebServer) context.getWebServer()).getServer();
        long inUse = 0;
        for (Connector c : server.getConnectors()) {
            if (c.getByteBufferPool() instanceof ArrayByteBufferPool pool) {
                inUse += pool.getDirectMemory() - pool.getAvailableDirectMemory();
            }
        }
        return inUse;
    }

    /** Sends the request and reads the status line, leaving the body unread (a listener that is behind). */
    private String startStream(Socket s, String range) throws IOException {
        String req = "GET /api/tracks/" + id + "/stream HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + token + "\r\n" + (range == null ? "" : "Range: " + range + "\r\n") + "\r\n";
        s.getOutputStream().write(req.getBytes(StandardCharsets.US_ASCII));
        InputStream in = s.getInputStream();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString();
    }

    /** SO_SNDBUF of the server's end of {@code client}'s connection. */
    private int serverSendBuffer(Socket client) throws IOException {
        Server server = ((JettyWebServer) context.getWebServer()).getServer();
        for (Connector c : server.getConnectors()) {
            for (EndPoint e : c.getConnectedEndPoints()) {
                if (e instanceof SocketChannelEndPoint sce && sce.getChannel().isOpen()
                        && sce.getRemoteSocketAddress() instanceof InetSocketAddress remote
                        && remote.getPort() == client.getLocalPort()) {
                    return sce.getChannel().getOption(StandardSocketOptions.SO_SNDBUF);
                }
            }
        }
        throw new AssertionError("no server connection for local port " + client.getLocalPort());
    }
}
