package dev.lockstep.cli.runas;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small image's passwd and group files, written to a test's folder. */
final class Users {
    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
            app:x:1001:1001:the app:/home/app:/usr/sbin/nologin
            # comments and broken lines are skipped
            broken:x:not-a-number:1:::
            twin:x:1001:1001::/home/twin:/bin/sh
            homeless:x:1002:1002:::/bin/sh
            """;
    static final String GROUP = """
            root:x:0:
            app:x:1001:
            homeless:x:1002:
            staff:x:50:app,other
            audio:x:29:homeless,app
            nogroup:x:65534:
            """;

    private Users() {
    }

    static UserDatabase in(Path folder) throws IOException {
        return UserDatabase.read(Files.writeString(folder.resolve("passwd"), PASSWD),
                Files.writeString(folder.resolve("group"), GROUP));
    }
}
