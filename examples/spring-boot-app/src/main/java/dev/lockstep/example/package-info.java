/** The example Spring Boot app: a web app whose schema lockstep-spring-boot-starter migrates at start-up. */
package dev.lockstep.example;
