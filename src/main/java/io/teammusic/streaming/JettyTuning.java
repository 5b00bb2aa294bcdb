package io.teammusic.streaming;

import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jetty.ConfigurableJettyWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Jetty settings that matter to the byte path and that Boot has no property for (output buffer, listen backlog,
 * no version banner), and the stream fast path ({@link StreamHandler}) in front of the servlet context. The
 * thread settings (acceptors, selectors) are Boot's own {@code server.jetty.threads.*}.
 */
@Component
class JettyTuning implements WebServerFactoryCustomizer<ConfigurableJettyWebServerFactory> {

    private final StreamingProperties props;
    private final ObjectProvider<FastStreams> fastStreams;

    JettyTuning(StreamingProperties props, ObjectProvider<FastStreams> fastStreams) {
        this.props = props;
        this.fastStreams = fastStreams;
    }

    @Override
    public void customize(ConfigurableJettyWebServerFactory factory) {
        int size = (int) props.outputBufferSize().toBytes();
        factory.addServerCustomizers(server -> {
            for (var connector : server.getConnectors()) {
                if (connector instanceof ServerConnector sc) {
                    sc.setAcceptQueueSize(props.acceptQueueSize());
                }
                HttpConnectionFactory http = connector.getConnectionFactory(HttpConnectionFactory.class);
                if (http != null) {
                    HttpConfiguration config = http.getHttpConfiguration();
                    config.setOutputBufferSize(size);
                    // No "Server: Jetty(12...)" banner: it helps nobody but a scanner.
                    config.setSendServerVersion(false);
                }
            }
            server.setHandler(new StreamHandler(server.getHandler(), fastStreams::getObject));
        });
    }
}
