package io.teammusic.streaming;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.StandardSocketOptions;
import org.eclipse.jetty.ee11.servlet.ServletContextRequest;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.Request;

/**
 * Sets up the connection a long body goes out on: a bounded kernel send buffer and a longer idle timeout.
 *
 * <p>Linux grows a socket's send buffer (up to {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB by default) for as
 * long as the sender has more to send than the receiver's window takes, which is always the case for a listener
 * who reads at the bitrate: a 12 MB track written in one go sat in the kernel at about 2 MiB per listener, and
 * a thousand of them put the whole machine into TCP memory pressure, where every new connection waited seconds.
 * A fixed buffer (the kernel doubles the value for its bookkeeping) keeps that to a known size per listener; it
 * still moves over a MB/s at a 50 ms round trip, many times any audio bitrate.
 *
 * <p>A writer blocked on a full send buffer is woken only when a third of the buffer has drained. A listener who
 * reads 1 KiB a second frees that third of a 128 KiB buffer in 43 s, past Jetty's default idle timeout of 30 s,
 * so the server closed the stream of every such listener once the first buffer ran dry (measured: all of them
 * after exactly 131,072 bytes), although they read all the time. Hence the longer idle timeout for these
 * connections, and the smaller default buffer.
 */
final class SocketBuffers {

    private SocketBuffers() {
    }

    /**
     * Sets {@code SO_SNDBUF} of the HTTP/1.x connection under {@code request} to {@code sendBuffer} bytes (0:
     * unchanged) and raises its idle timeout to {@code idleTimeoutMillis} (0, or lower than the current one:
     * unchanged; it then stays for the rest of that connection). Does nothing for other protocols (an HTTP/2
     * connection carries other streams too) or another container.
     */
    static void forLongBody(HttpServletRequest request, int sendBuffer, long idleTimeoutMillis) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        if (jetty != null) {
            forLongBody(jetty, sendBuffer, idleTimeoutMillis);
        }
    }

    /** The same on Jetty's own request API. */
    static void forLongBody(Request request, int sendBuffer, long idleTimeoutMillis) {
        HttpVersion version = request.getConnectionMetaData().getHttpVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return;
        }
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (idleTimeoutMillis > endPoint.getIdleTimeout()) {
            endPoint.setIdleTimeout(idleTimeoutMillis);
        }
        if (sendBuffer > 0 && endPoint instanceof SocketChannelEndPoint socket) {
            try {
                socket.getChannel().setOption(StandardSocketOptions.SO_SNDBUF, sendBuffer);
            } catch (IOException | UnsupportedOperationException e) {
                // A closed socket fails the write that follows anyway; a missing option just keeps the default.
            }
        }
    }
}
