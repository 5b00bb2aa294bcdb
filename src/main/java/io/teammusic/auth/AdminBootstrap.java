package io.teammusic.auth;

import io.teammusic.shared.ConflictException;
import io.teammusic.shared.TeammusicProperties;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Creates the {@code admin} account on first start, so a new server can be used at once. */
@Component
class AdminBootstrap implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final UserService users;
    private final TeammusicProperties props;
    private final OidcProperties oidc;

    AdminBootstrap(UserService users, TeammusicProperties props, OidcProperties oidc) {
        this.users = users;
        this.props = props;
        this.oidc = oidc;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.hasUsers()) {
            return;
        }
        if (!oidc.localLoginEnabled()) {
            // A password account nobody can use would only be a risk; admins come from the provider's group.
            log.info("Built-in accounts are off: no admin account created; members of group '{}' at {} are admins",
                    oidc.adminGroup(), oidc.issuerUri());
            return;
        }
        String password = props.adminPassword();
        boolean generated = password == null || password.isBlank();
        if (generated) {
            byte[] b = new byte[15];
            new SecureRandom().nextBytes(b);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(b);
        }
        try {
            users.create("admin", password, Role.ADMIN);
        } catch (ConflictException e) {
            // Several nodes starting on one new database: another one created the account a moment ago, and
            // its password (or the configured one) is the one that works.
            log.info("The admin account was created by another node at the same time");
            return;
        }
        if (generated) {
            // Printed once, on the console only, because nobody could log in otherwise. It is never stored in clear.
            System.out.println();
            System.out.println("  Created user 'admin' with generated password: " + password);
            System.out.println("  Set TEAMMUSIC_ADMIN_PASSWORD to choose it yourself; it is not shown again.");
            System.out.println();
            log.info("Created the admin account with a generated password (printed on the console)");
        } else {
            log.info("Created the admin account with the password from TEAMMUSIC_ADMIN_PASSWORD");
        }
    }
}
