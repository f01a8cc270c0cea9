package dev.lockstep.cli;

/** The {@code lockstep} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(Cli.standard().run(args));
    }
}
