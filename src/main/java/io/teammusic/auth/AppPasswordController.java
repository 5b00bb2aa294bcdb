package io.teammusic.auth;

import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The caller's own app passwords; nobody, admins included, sees or revokes another user's. */
@RestController
@RequestMapping("/api/app-passwords")
class AppPasswordController {

    record CreateRequest(String name) {
    }

    /** Shown once: the secret is not stored in a form anyone can read back. */
    record CreatedResponse(String id, String name, java.time.Instant createdAt, String username, String secret) {
    }

    private final AppPasswordService service;

    AppPasswordController(AppPasswordService service) {
        this.service = service;
    }

    @GetMapping
    List<AppPasswordView> list() {
        return service.list(CurrentUser.get().id());
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedResponse create(@RequestBody CreateRequest req) {
        CurrentUser me = CurrentUser.get();
        AppPasswordService.Created c = service.create(me.id(), req.name());
        return new CreatedResponse(c.password().id(), c.password().name(), c.password().createdAt(), me.username(),
                c.secret());
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable String id) {
        service.delete(CurrentUser.get().id(), id);
    }
}
