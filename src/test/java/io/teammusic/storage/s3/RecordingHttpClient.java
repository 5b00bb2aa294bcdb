package io.teammusic.storage.s3;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/** The real transport, noting every request that goes on the wire: the SDK's calls and the store's own GETs. */
final class RecordingHttpClient implements SdkHttpClient {

    private final SdkHttpClient delegate;
    final List<SdkHttpRequest> sent = new CopyOnWriteArrayList<>();

    RecordingHttpClient(SdkHttpClient delegate) {
        this.delegate = delegate;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        sent.add(request.httpRequest());
        return delegate.prepareRequest(request);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
