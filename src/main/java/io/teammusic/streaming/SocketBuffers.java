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
 * Bounds the kernel's send buffer of the connection a long body goes out on.
 *
 * <p>Linux grows a socket's send buffer (up to {@code net.ipv4.tcp_wmem}'s maximum, 4 MiB by default) for as
 * long as the sender has more to send than the receiver's window takes, which is always the case for a listener
 * who reads at the bitrate: a 12 MB track written in one go sat in the kernel at about 2 MiB per listener, and
 * a thousand of them put the whole machine into TCP memory pressure, where every new connection waited seconds.
 * A fixed buffer (the kernel doubles the value for its bookkeeping) keeps that to a known size per listener; it
 * still moves several MB/s at a 50 ms round trip, many times any audio bitrate.
 */
final class SocketBuffers {

    private SocketBuffers() {
    }

    /**
     * Sets {@code SO_SNDBUF} of the HTTP/1.x connection under {@code request} to {@code bytes}; does nothing
     * for other protocols (an HTTP/2 connection carries other streams too) or another container.
     */
    static void capSendBuffer(HttpServletRequest request, int bytes) {
        ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
        if (jetty != null) {
            capSendBuffer(jetty, bytes);
        }
    }

    /** The same on Jetty's own request API. */
    static void capSendBuffer(Request request, int bytes) {
        HttpVersion version = request.getConnectionMetaData().getHttpVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return;
        }
        EndPoint endPoint = request.getConnectionMetaData().getConnection().getEndPoint();
        if (endPoint instanceof SocketChannelEndPoint socket) {
            try {
                socket.getChannel().setOption(StandardSocketOptions.SO_SNDBUF, bytes);
            } catch (IOException | UnsupportedOperationException e) {
                // A closed socket fails the write that follows anyway; a missing option just keeps the default.
            }
        }
    }
}
