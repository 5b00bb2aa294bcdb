package io.teammusic.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.testing.Api;
import io.teammusic.testing.ServerTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Requests the container cannot even parse are the client's mistake: a 400 problem, never a 500. */
class MalformedRequestTests extends ServerTest {

    @Test
    void aQueryStringThatIsNotValidPercentEncodedUtf8IsABadRequestProblem() {
        Api admin = admin();
        for (String path : List.of("/api/tracks?cursor=%00%ff", "/api/tracks?size=%ff%fe", "/api/search?q=%ff",
                "/api/albums?sort=%E2%82", "/api/lists/random?size=%C3%28")) {
            Api.Response r = admin.get(path);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).startsWith("application/problem+json");
            assertThat(r.json().get("detail").asText()).startsWith("The request is malformed");
        }
        assertThat(admin.get("/api/search?q=%E5%A4%9C").status()).isEqualTo(200);
    }
}
