package dev.lockstep.source;

import dev.lockstep.error.LockstepException;
import dev.lockstep.error.Reason;
import dev.lockstep.migration.JavaMigration;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/**
 * Loads a Java migration's class and makes an instance of it: the scan does, for its checksum, and the engine does
 * again when it runs it. Each failure says what is wrong with the class and how to fix it.
 */
public final class JavaMigrationClass {
    private JavaMigrationClass() {
    }

    /**
     * A new instance of {@code className}, through {@code loader}.
     *
     * @throws LockstepException {@link Reason#INVALID_MIGRATIONS} when the class cannot be loaded, does not implement
     *                           {@link JavaMigration}, is abstract, or has no public constructor without arguments
     */
    public static JavaMigration instantiate(ClassLoader loader, String className) {
        Class<?> type;
        try {
            type = Class.forName(className, true, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw invalid(className, "cannot be loaded (" + e + "); check that the jar or folder that holds it, and"
                    + " every class it needs, is on the classpath", e);
        }
        if (!JavaMigration.class.isAssignableFrom(type)) {
            boolean otherCopy = Arrays.stream(type.getInterfaces())
                    .anyMatch(i -> i.getName().equals(JavaMigration.class.getName()));
            throw invalid(className, otherCopy
                    ? "implements " + JavaMigration.class.getName() + " of another copy of lockstep-core (a class"
                    + " loader of its own, or lockstep-core bundled into the migrations' jar): depend on lockstep-core"
                    + " with scope provided, and put only the migrations in the jar"
                    : "is named like a migration but does not implement " + JavaMigration.class.getName()
                    + (fromFlyway(type) ? " (it is a Flyway migration: implement lockstep's interface instead, whose"
                    + " migrate(Context) gives the same connection as context.connection())" : "")
                    + "; implement it, or rename the class", null);
        }
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw invalid(className, "must be a public, concrete class", null);
        }
        try {
            return (JavaMigration) type.getConstructor().newInstance();
        } catch (NoSuchMethodException e) {
            throw invalid(className, "needs a public constructor without arguments", e);
        } catch (InvocationTargetException e) {
            throw invalid(className, "failed in its constructor: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw invalid(className, "cannot be made: " + e, e);
        }
    }

    /**
     * The checksum recorded for a Java migration: {@link Checksum} of what {@link JavaMigration#checksum()} returns.
     *
     * @throws LockstepException {@link Reason#INVALID_MIGRATIONS} when it returns {@code null} or fails
     */
    public static String checksum(JavaMigration migration) {
        String text;
        try {
            text = migration.checksum();
        } catch (RuntimeException e) {
            throw invalid(migration.getClass().getName(), "failed in checksum(): " + e, e);
        }
        if (text == null) {
            throw invalid(migration.getClass().getName(), "returned null from checksum(); return a text, or leave"
                    + " checksum() out for the class's name", null);
        }
        return Checksum.of(text);
    }

    /** Whether a class or one of its supertypes is Flyway's ({@code BaseJavaMigration}, {@code JavaMigration}). */
    private static boolean fromFlyway(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().startsWith("org.flywaydb.")
                    || Arrays.stream(c.getInterfaces()).anyMatch(i -> i.getName().startsWith("org.flywaydb."))) {
                return true;
            }
        }
        return false;
    }

    private static LockstepException invalid(String className, String problem, Throwable cause) {
        return new LockstepException(Reason.INVALID_MIGRATIONS, "Java migration " + className + " " + problem + ".",
                cause);
    }
}
