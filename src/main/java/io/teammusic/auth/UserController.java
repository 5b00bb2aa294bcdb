package io.teammusic.auth;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin-only user management. */
@RestController
@RequestMapping("/api/users")
@PreAuthorize("hasRole('ADMIN')")
class UserController {

    record CreateUser(String username, String password, Role role) {
    }

    /** Any field left null is unchanged; {@code password} resets the password. */
    record UpdateUser(Role role, Boolean enabled, String password) {
    }

    private final UserService users;

    UserController(UserService users) {
        this.users = users;
    }

    @GetMapping
    List<UserView> list() {
        return users.list().stream().map(UserView::of).toList();
    }

    @GetMapping("/{id}")
    UserView get(@PathVariable String id) {
        return UserView.of(users.get(id));
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@RequestBody CreateUser req) {
        return UserView.of(users.create(req.username(), req.password(), req.role()));
    }

    @PatchMapping("/{id}")
    UserView update(@PathVariable String id, @RequestBody UpdateUser req) {
        return UserView.of(users.update(id, req.role(), req.enabled(), req.password()));
    }
}
