package io.teammusic.auth;

/** What a user may do. ADMIN includes everything USER may. */
public enum Role {
    ADMIN, USER;

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
