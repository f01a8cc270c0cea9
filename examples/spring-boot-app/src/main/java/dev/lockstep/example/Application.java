package dev.lockstep.example;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A web app with a table of its own. lockstep-spring-boot-starter migrates its schema (src/main/resources/db/migration)
 * at start-up, before the JdbcClient below can touch it; every replica can start at once.
 */
@SpringBootApplication
public class Application {
    public static void main(String[] args) {
        SpringApplication.run(Application.class, args);
    }
}
