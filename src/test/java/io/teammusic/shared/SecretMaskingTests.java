package io.teammusic.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.teammusic.shared.logging.SecretMasking;
import org.junit.jupiter.api.Test;

class SecretMaskingTests {

    @Test
    void bearerTokensAndJwtsAreMasked() {
        String jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";
        assertThat(SecretMasking.mask("Authorization: Bearer " + jwt)).isEqualTo("Authorization: Bearer ***");
        assertThat(SecretMasking.mask("token " + jwt + " seen")).isEqualTo("token *** seen");
    }

    @Test
    void signedUrlAndSubsonicParametersAreMasked() {
        assertThat(SecretMasking.mask("GET /api/tracks/x/stream?u=abc&exp=123&sig=SECRETSIG"))
                .isEqualTo("GET /api/tracks/x/stream?u=abc&exp=123&sig=***");
        assertThat(SecretMasking.mask("/rest/ping.view?u=bob&t=26719a1196d2a940705a59634eb18eab&s=c19b2d&v=1.16"))
                .isEqualTo("/rest/ping.view?u=bob&t=***&s=***&v=1.16");
        assertThat(SecretMasking.mask("/rest/ping?p=enc:6d7970617373&apiKey=K123"))
                .isEqualTo("/rest/ping?p=***&apiKey=***");
    }

    @Test
    void jsonSecretsAreMasked() {
        assertThat(SecretMasking.mask("{\"username\":\"admin\",\"password\":\"hunter22\"}"))
                .isEqualTo("{\"username\":\"admin\",\"password\":\"***\"}");
        assertThat(SecretMasking.mask("{\"refreshToken\": \"abcdef\"}")).isEqualTo("{\"refreshToken\": \"***\"}");
    }

    @Test
    void recordToStringSecretsAreMasked() {
        assertThat(SecretMasking.mask("LoginRequest[username=admin, password=hunter22]"))
                .isEqualTo("LoginRequest[username=admin, password=***]");
        assertThat(SecretMasking.mask("Tokens[accessToken=abc, refreshToken=def, user=x]"))
                .isEqualTo("Tokens[accessToken=***, refreshToken=***, user=x]");
    }

    @Test
    void rawBufferDumpsAreDropped() {
        String dump = "content DirectByteBuffer@88e6[p=0,l=53]={<<<{\"username\":\"admin\",\"pass...:\"hunter22\"}>>>}";
        assertThat(SecretMasking.mask(dump)).isEqualTo("content DirectByteBuffer@88e6[p=0,l=53]={<<<***>>>}");
    }

    @Test
    void ordinaryTextIsUntouched() {
        String s = "Imported 12 files at 104.5 files/s, part=3 of 7";
        assertThat(SecretMasking.mask(s)).isEqualTo(s);
    }
}
