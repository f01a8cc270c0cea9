package dev.lockstep.example;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /greetings} lists the table the migrations made; {@code POST /greetings} adds one. */
@RestController
public class GreetingController {
    private final JdbcClient jdbc;

    public GreetingController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/greetings")
    public List<String> greetings() {
        return jdbc.sql("SELECT text FROM greetings ORDER BY id").query(String.class).list();
    }

    @PostMapping("/greetings")
    public List<String> add(@RequestBody String text) {
        jdbc.sql("INSERT INTO greetings (id, text) SELECT COALESCE(MAX(id), 0) + 1, ? FROM greetings")
                .param(text.strip()).update();
        return greetings();
    }
}
